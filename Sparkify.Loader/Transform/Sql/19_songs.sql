-- songs: one row per song_id of the catalogue, chosen as 18_song_changes.sql says.
merge into songs
using song_changes as changes
on songs.song_id = changes.song_id
when matched then update set
    title = changes.title,
    artist_id = changes.artist_id,
    year = changes.year,
    duration = changes.duration,
    run_id = @run_id
when not matched then insert (song_id, title, artist_id, year, duration, run_id)
values (changes.song_id, changes.title, changes.artist_id, changes.year, changes.duration, @run_id)
