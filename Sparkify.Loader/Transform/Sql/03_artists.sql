-- artists: one row per artist_id.
-- An artist_id can carry several names or locations across song files; the row kept is the one
-- with a location if any has one, then the one from the lowest song_id, so reruns choose alike.
insert into artists (artist_id, name, location, latitude, longitude)
select artist_id, artist_name, artist_location, artist_latitude, artist_longitude
from (
    select
        artist_id,
        artist_name,
        artist_location,
        artist_latitude,
        artist_longitude,
        row_number() over (
            partition by artist_id
            order by case when artist_location <> '' then 0 else 1 end, song_id
        ) as preference
    from staging_songs
    where artist_id is not null
) as ranked
where preference = 1
    and not exists (select 1 from artists where artists.artist_id = ranked.artist_id)
