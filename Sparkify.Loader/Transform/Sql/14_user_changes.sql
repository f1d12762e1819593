-- user_changes: one row per user whose latest play among this run's staged events is later than the
-- one users holds for them, or who is new: the users' "latest play" rule, stated once.
-- A play is a NextSong event with a user; latest by ts, then session_id, then item_in_session. A day
-- that arrives late changes nobody whose known play is newer. A user whose latest play was replaced
-- (02_replaced_users.sql) is chosen again from every play staged for them (09_rebuilt_plays.sql).
create temp table user_changes as
select user_id, first_name, last_name, gender, level, played_at
from (
    select
        cast(user_id as integer) as user_id,
        first_name,
        last_name,
        gender,
        level,
        timestamp 'epoch' + ts * interval '1 millisecond' as played_at,
        row_number() over (
            partition by user_id
            order by ts desc, session_id desc, item_in_session desc
        ) as recency
    from (
        select user_id, first_name, last_name, gender, level, ts, session_id, item_in_session
        from staging_events
        where run_id = @run_id and page = 'NextSong' and user_id <> ''
        union all
        select user_id, first_name, last_name, gender, level, ts, session_id, item_in_session
        from rebuilt_plays
        where run_id <> @run_id
            and user_id in (select cast(user_id as varchar(32)) from replaced_users)
    ) as plays
) as latest
where recency = 1
    and not exists (
        select 1
        from users
        where users.user_id = latest.user_id
            and users.last_played_at >= latest.played_at
    )
