-- songplays: the plays from this run's events never outnumber its NextSong events (a join that
-- fans out would). Returns one row with both counts when they do.
select plays_from_staged_events, nextsong_events
from (
    select
        (select count(*)
         from songplays as plays
         where exists (
             select 1 from staging_events as events
             where timestamp 'epoch' + events.ts * interval '1 millisecond' = plays.start_time
                 and events.user_id = cast(plays.user_id as varchar(32))
                 and events.session_id = plays.session_id
         )) as plays_from_staged_events,
        (select count(*) from staging_events where page = 'NextSong') as nextsong_events
) as counts
where plays_from_staged_events > nextsong_events
