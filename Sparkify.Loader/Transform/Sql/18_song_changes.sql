-- song_changes: one row per song_id among this run's staged songs, as songs should hold it: when a
-- song appears in several files, the copy with the lowest artist_id, then title, year and duration. A song of a
-- replaced song file is chosen again from the copies left.
create temp table song_changes as
select song_id, title, artist_id, year, duration
from (
    select
        song_id,
        title,
        artist_id,
        year,
        duration,
        row_number() over (partition by song_id order by artist_id, title, year, duration) as copy_number
    from staging_songs
    where song_id in (
        select song_id from staging_songs where run_id = @run_id
        union all
        select song_id from replaced_staging_songs
    )
        and artist_id is not null
) as ranked
where copy_number = 1
