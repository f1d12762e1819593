-- upgrade_funnel: one row per step of the funnel (1 the Upgrade page, 2 Submit Upgrade, 3 the first paid play) that
-- some user reached.
-- Question: of the users who opened the Upgrade page, how many submitted an upgrade, how many then played a song as
-- paying users, and how long did each step take? Per user: the first Upgrade page event; the first Submit Upgrade at or
-- after it; the first NextSong event at level 'paid' at or after that. Events come from staging_events, which keeps
-- every event (songplays only those whose song was found), and the NextSong events are the plays the level history
-- (user_levels) follows. An event staged twice changes no first time. The gap is the median over the users who reached
-- the step, in minutes, of the time since their previous step. Redshift allows one ORDER BY among the PERCENTILE_CONT
-- calls of a statement (https://docs.aws.amazon.com/redshift/latest/dg/r_PERCENTILE_CONT.html), so the steps are rows
-- of one call; it interpolates whole milliseconds exactly, and the division follows it.
with upgrade_pages as (
    select user_id, min(ts) as upgrade_ts
    from staging_events
    where page = 'Upgrade' and user_id <> ''
    group by user_id
),

submitted as (
    select u.user_id, min(e.ts) as submit_ts, min(e.ts) - u.upgrade_ts as gap_ms
    from upgrade_pages as u
    inner join staging_events as e
        on e.user_id = u.user_id and e.page = 'Submit Upgrade' and e.ts >= u.upgrade_ts
    group by u.user_id, u.upgrade_ts
),

paid_plays as (
    select s.user_id, min(e.ts) - s.submit_ts as gap_ms
    from submitted as s
    inner join staging_events as e
        on e.user_id = s.user_id and e.page = 'NextSong' and e.level = 'paid' and e.ts >= s.submit_ts
    group by s.user_id, s.submit_ts
),

steps as (
    select 1 as step, user_id, cast(null as double precision) as gap_ms from upgrade_pages
    union all
    select 2 as step, user_id, cast(gap_ms as double precision) as gap_ms from submitted
    union all
    select 3 as step, user_id, cast(gap_ms as double precision) as gap_ms from paid_plays
)

select
    step,
    count(*) as users,
    percentile_cont(0.5) within group (order by gap_ms) / 60000 as median_minutes
from steps
group by step
order by step
