-- songs: one row per song_id (the first staged copy when a song appears in several files).
insert into songs (song_id, title, artist_id, year, duration)
select song_id, title, artist_id, year, duration
from (
    select
        song_id,
        title,
        artist_id,
        year,
        duration,
        row_number() over (partition by song_id order by artist_id, title) as copy_number
    from staging_songs
    where song_id is not null and artist_id is not null
) as ranked
where copy_number = 1
    and not exists (select 1 from songs where songs.song_id = ranked.song_id)
