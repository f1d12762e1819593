-- level_changes_per_day: one row per UTC day on which some user's level changed (the report adds the days between
-- without one).
-- Question: who upgraded, who downgraded, and when? A period of user_levels (the level history) at 'paid' that follows
-- one at 'free' of the same user is an upgrade, a period at 'free' that follows one at 'paid' a downgrade, each dated by
-- the UTC day of its valid_from (its first play at the new level). A user's first period follows nothing, so it is
-- neither. Levels are only free or paid (a data check holds them to it), so every later period is one or the other.
select year, month, day, sum(upgrade) as upgrades, sum(downgrade) as downgrades
from (
    select
        extract(year from valid_from) as year,
        extract(month from valid_from) as month,
        extract(day from valid_from) as day,
        case when previous_level = 'free' and level = 'paid' then 1 else 0 end as upgrade,
        case when previous_level = 'paid' and level = 'free' then 1 else 0 end as downgrade
    from (
        select level, valid_from, lag(level) over (partition by user_id order by valid_from) as previous_level
        from user_levels
    ) as periods
    where previous_level is not null
) as changes
group by year, month, day
order by year, month, day
