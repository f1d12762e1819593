-- users_by_gender_and_level: one row per (gender, current level) of the users table.
-- Question: who are our users, and how many of them pay?
select coalesce(gender, '(unknown)') as gender, coalesce(level, '(unknown)') as level, count(*) as users
from users
group by coalesce(gender, '(unknown)'), coalesce(level, '(unknown)')
order by gender, level
