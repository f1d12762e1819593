-- plays_by_weekday: one row per weekday (0 = Sunday) with at least one play.
-- Question: on which days of the week do people listen?
select t.weekday, count(*) as plays
from songplays as p
inner join time as t on t.start_time = p.start_time
group by t.weekday
order by t.weekday
