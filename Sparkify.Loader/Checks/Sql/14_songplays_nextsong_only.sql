-- songplays: every play of this run comes from a NextSong event. Returns plays whose staged
-- events (same start time, user and session) include none with page NextSong.
select plays.songplay_id, plays.start_time, plays.user_id, plays.session_id
from songplays as plays
where exists (
        select 1 from staging_events as events
        where timestamp 'epoch' + events.ts * interval '1 millisecond' = plays.start_time
            and events.user_id = cast(plays.user_id as varchar(32))
            and events.session_id = plays.session_id
    )
    and not exists (
        select 1 from staging_events as events
        where timestamp 'epoch' + events.ts * interval '1 millisecond' = plays.start_time
            and events.user_id = cast(plays.user_id as varchar(32))
            and events.session_id = plays.session_id
            and events.page = 'NextSong'
    )
