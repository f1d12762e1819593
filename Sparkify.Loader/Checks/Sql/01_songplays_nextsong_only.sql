-- songplays: a play comes from a NextSong event. Returns the plays that share their start time, user and
-- session with a staged event of another page and with no staged NextSong event.
-- scope: full check only (it reads every staged event; a run's own plays come from Transform/Sql/20_play_changes.sql,
-- which keeps NextSong events only)
select plays.songplay_id, plays.start_time, plays.user_id, plays.session_id
from staging_events as events
inner join songplays as plays
    on plays.start_time = timestamp 'epoch' + events.ts * interval '1 millisecond'
    and cast(plays.user_id as varchar(32)) = events.user_id
    and plays.session_id = events.session_id
where events.page <> 'NextSong'
    and not exists (
        select 1 from staging_events as nextsong
        where nextsong.page = 'NextSong'
            and nextsong.ts = events.ts
            and nextsong.user_id = events.user_id
            and nextsong.session_id = events.session_id
    )
