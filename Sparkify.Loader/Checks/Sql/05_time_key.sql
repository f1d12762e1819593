-- time: start_time is unique and not null. Returns each violating key with how often it occurs.
select start_time, count(*) as occurrences
from time
group by start_time
having count(*) > 1 or start_time is null
