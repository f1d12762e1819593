-- songplays: a play comes from a NextSong event. Returns the plays that share their start time, user and
-- session with a staged event of another page and with no staged NextSong event (among the run's events).
-- It starts from the other pages' events, a quarter of a log, and looks each up in songplays' unique index.
select plays.songplay_id, plays.start_time, plays.user_id, plays.session_id
from staging_events as events
inner join songplays as plays
    on plays.start_time = timestamp 'epoch' + events.ts * interval '1 millisecond'
    and cast(plays.user_id as varchar(32)) = events.user_id
    and plays.session_id = events.session_id
where (@run_id is null or events.run_id = @run_id)
    and (@run_id is null or plays.run_id = @run_id)
    and events.page <> 'NextSong'
    and not exists (
        select 1 from staging_events as nextsong
        where (@run_id is null or nextsong.run_id = @run_id)
            and nextsong.page = 'NextSong'
            and nextsong.ts = events.ts
            and nextsong.user_id = events.user_id
            and nextsong.session_id = events.session_id
    )
