-- level_changes: the periods this run adds to user_levels: the level history's rule, stated once. A user's plays are
-- their NextSong events in the users' "latest play" order (ts, then session_id, then item_in_session), the plays of one
-- instant counting as one, the latest of them. A period starts at each play whose level differs from the play before
-- and ends where the next period starts. A continued user's plays are this run's, the first compared with the level of
-- their current period (every play of this run is later); a rebuilt user's are every play staged for them
-- (09_rebuilt_plays.sql), and 10_rebuilt_levels.sql has removed their periods.
-- Both windows over the plays follow one order, (user, ts), so the database sorts the plays once: the instant's window
-- is partitioned by the integer user_id the history keeps, and the level's window orders by ts, not by the timestamp
-- made from it. Only a user's first play, and the plays that change level, meet their current period.
create temp table level_changes as
select
    user_id,
    level,
    valid_from,
    lead(valid_from) over (partition by user_id order by valid_from) as valid_to
from (
    select candidates.user_id, candidates.level, candidates.played_at as valid_from
    from (
        select user_id, level, played_at, previous_level
        from (
            select
                user_id,
                level,
                played_at,
                lag(level) over (partition by user_id order by ts) as previous_level
            from (
                select
                    cast(user_id as integer) as user_id,
                    level,
                    ts,
                    timestamp 'epoch' + ts * interval '1 millisecond' as played_at,
                    row_number() over (
                        partition by cast(user_id as integer), ts
                        order by session_id desc, item_in_session desc
                    ) as at_instant
                from (
                    select user_id, level, ts, session_id, item_in_session
                    from staging_events
                    where run_id = @run_id and page = 'NextSong'
                        and user_id in (select cast(user_id as varchar(32)) from level_users where rebuilt = 0)
                    union all
                    select user_id, level, ts, session_id, item_in_session
                    from rebuilt_plays
                ) as events
            ) as plays
            where at_instant = 1
        ) as points
        where previous_level is null or previous_level <> level
    ) as candidates
    -- a continued user's current period stands before their first play of this run
    left join user_levels as current_period
        on current_period.user_id = candidates.user_id
        and current_period.valid_to is null
        and candidates.previous_level is null
    where candidates.previous_level is not null
        or current_period.level is null
        or current_period.level <> candidates.level
) as changes
