-- artist_changes: one row per artist_id among this run's staged songs, as artists should hold it.
-- An artist_id can carry several names or locations across song files: the row kept, among every staged
-- song of that artist, is the one with a location if any has one, then the one from the lowest song_id,
-- so any order of loading chooses alike. An artist of a replaced song file is chosen again from the songs left.
create temp table artist_changes as
select artist_id, name, location, latitude, longitude
from (
    select
        artist_id,
        artist_name as name,
        artist_location as location,
        artist_latitude as latitude,
        artist_longitude as longitude,
        row_number() over (
            partition by artist_id
            order by case when artist_location <> '' then 0 else 1 end,
                song_id, artist_name, artist_location, artist_latitude, artist_longitude
        ) as preference
    from staging_songs
    where artist_id in (
        select artist_id from staging_songs where run_id = @run_id
        union all
        select artist_id from replaced_staging_songs
    )
) as ranked
where preference = 1
