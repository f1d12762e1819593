-- paid_share_per_day: one row per UTC day with at least one play (the report adds the days without one).
-- Question: on each day, what share of the plays came from paying users, and what share of the users who played
-- were paying? A user is active on a day when they have a play that day. A user whose plays that day are at both
-- levels (they upgraded or downgraded that day) counts once, as paid: they paid for part of the day.
select
    year,
    month,
    day,
    sum(plays) as plays,
    sum(paid_plays) as paid_plays,
    count(*) as active_users,
    sum(case when paid_plays > 0 then 1 else 0 end) as paid_users
from (
    select
        t.year,
        t.month,
        t.day,
        p.user_id,
        count(*) as plays,
        sum(case when p.level = 'paid' then 1 else 0 end) as paid_plays
    from songplays as p
    inner join time as t on t.start_time = p.start_time
    group by t.year, t.month, t.day, p.user_id
) as user_days
group by year, month, day
order by year, month, day
