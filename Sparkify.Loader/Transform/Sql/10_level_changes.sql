-- level_changes: the periods this run adds to user_levels: the level history's rule, stated once. A user's plays are
-- their NextSong events in the users' "latest play" order (ts, then session_id, then item_in_session), the plays of one
-- instant counting as one, the latest of them. A period starts at each play whose level differs from the play before
-- and ends where the next period starts. A continued user's plays are this run's, the first compared with the level of
-- their current period, which goes before them as a play at its start (every play of this run is later); a rebuilt user's
-- are every play staged for them (08_level_users.sql), and 09_rebuilt_levels.sql has removed their periods.
create temp table level_changes as
select
    user_id,
    level,
    valid_from,
    lead(valid_from) over (partition by user_id order by valid_from) as valid_to
from (
    select
        user_id,
        level,
        played_at as valid_from,
        is_play,
        lag(level) over (partition by user_id order by played_at) as previous_level
    from (
        select user_id, level, played_at, 1 as is_play
        from (
            select
                cast(user_id as integer) as user_id,
                level,
                timestamp 'epoch' + ts * interval '1 millisecond' as played_at,
                row_number() over (partition by user_id, ts order by session_id desc, item_in_session desc) as at_instant
            from (
                select user_id, level, ts, session_id, item_in_session
                from staging_events
                where run_id = @run_id and page = 'NextSong'
                    and user_id in (select cast(user_id as varchar(32)) from level_users where rebuilt = 0)
                union all
                select user_id, level, ts, session_id, item_in_session
                from staging_events
                where page = 'NextSong'
                    and exists (select 1 from level_users where rebuilt = 1)
                    and user_id in (select cast(user_id as varchar(32)) from level_users where rebuilt = 1)
            ) as events
        ) as plays
        where at_instant = 1
        union all
        select user_id, level, valid_from as played_at, 0 as is_play
        from user_levels as current_period
        where valid_to is null
            and user_id in (select user_id from level_users where rebuilt = 0)
    ) as plays_after_current_period
) as points
where is_play = 1 and (previous_level is null or previous_level <> level)
