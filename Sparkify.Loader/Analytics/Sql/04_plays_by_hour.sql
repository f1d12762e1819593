-- plays_by_hour: one row per hour of the day (UTC) with at least one play.
-- Question: at what time of day do people listen?
select t.hour, count(*) as plays
from songplays as p
inner join time as t on t.start_time = p.start_time
group by t.hour
order by t.hour
