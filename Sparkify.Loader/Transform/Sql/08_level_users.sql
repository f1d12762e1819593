-- level_users: the users whose level history (user_levels) this run changes, and how: each user with a play among this
-- run's staged events or the replaced ones. Continued (rebuilt = 0): every new play is later than the user's latest
-- known one, the daily case, so the history only goes on from their current period. Rebuilt (rebuilt = 1): a play
-- at or before their latest known one, or a replaced play, may split or merge periods anywhere, so their periods are
-- stated again from every play staged for them. Read before 15_users.sql moves their latest play.
create temp table level_users as
select user_id, max(rebuilt) as rebuilt
from (
    select
        plays.user_id,
        case when users.last_played_at >= plays.first_played_at then 1 else 0 end as rebuilt
    from (
        select
            cast(user_id as integer) as user_id,
            min(timestamp 'epoch' + ts * interval '1 millisecond') as first_played_at
        from staging_events
        where run_id = @run_id and page = 'NextSong' and user_id <> ''
        group by user_id
    ) as plays
    left join users on users.user_id = plays.user_id
    union all
    select distinct cast(user_id as integer) as user_id, 1 as rebuilt
    from replaced_staging_events
    where page = 'NextSong' and user_id <> ''
) as changed
group by user_id
