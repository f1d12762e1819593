-- users_by_gender_and_level: one row per (gender, current level) of the users table.
-- Question: who are our users, and how many of them pay?
-- The labels are made in a subquery so that GROUP BY and ORDER BY name its columns, never an alias that
-- shadows a column of users, which Redshift and PostgreSQL resolve differently.
select gender, level, count(*) as users
from (
    select coalesce(gender, '(unknown)') as gender, coalesce(level, '(unknown)') as level
    from users
) as labelled
group by gender, level
order by gender, level
