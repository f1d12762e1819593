-- songplays: one row per NextSong event that matches a song, as 20_play_changes.sql says: new plays are
-- added, and a play that a newly staged song with a lower song_id now matches takes that song.
merge into songplays
using play_changes as changes
on songplays.start_time = changes.start_time
    and songplays.user_id = changes.user_id
    and songplays.session_id = changes.session_id
when matched then update set
    song_id = changes.song_id,
    artist_id = changes.artist_id,
    run_id = @run_id
when not matched then insert (start_time, user_id, level, song_id, artist_id, session_id, location, user_agent, run_id)
values (changes.start_time, changes.user_id, changes.level, changes.song_id, changes.artist_id, changes.session_id,
    changes.location, changes.user_agent, @run_id)
