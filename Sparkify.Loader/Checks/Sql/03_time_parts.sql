-- time: hour is 0-23 and weekday 0-6 (0 = Sunday). Returns the rows out of range.
select start_time, hour, weekday
from time
where (@run_id is null or run_id = @run_id)
    and (hour not between 0 and 23 or weekday not between 0 and 6)
