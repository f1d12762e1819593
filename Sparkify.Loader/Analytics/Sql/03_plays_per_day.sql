-- plays_per_day: one row per UTC day with at least one play (the report adds the days without one).
-- Question: how does listening move from day to day?
select t.year, t.month, t.day, count(*) as plays
from songplays as p
inner join time as t on t.start_time = p.start_time
group by t.year, t.month, t.day
order by t.year, t.month, t.day
