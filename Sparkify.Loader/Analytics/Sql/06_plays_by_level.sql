-- plays_by_level: one row per level (free, paid) at which songs were played.
-- Question: how much do free and paid users listen, and how many users are behind each? A user who
-- played at both levels (an upgrade or a downgrade) counts at each.
select level, count(*) as plays, count(distinct user_id) as users
from songplays
group by level
order by level
