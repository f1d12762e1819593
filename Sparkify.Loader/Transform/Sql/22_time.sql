-- time: one row per distinct songplays.start_time, with its parts (week is the ISO week, weekday
-- 0 = Sunday), for the start times of the plays this run wrote.
-- date_part, not extract: PostgreSQL's extract returns numeric, several times slower to compute and cast.
-- Inserted in key order, so the primary key's index grows at its right edge.
insert into time (start_time, hour, day, week, month, year, weekday, run_id)
select
    start_time,
    cast(date_part('hour', start_time) as integer) as hour,
    cast(date_part('day', start_time) as integer) as day,
    cast(date_part('week', start_time) as integer) as week,
    cast(date_part('month', start_time) as integer) as month,
    cast(date_part('year', start_time) as integer) as year,
    cast(date_part('dow', start_time) as integer) as weekday,
    @run_id as run_id
from (select distinct start_time from play_changes) as play_times
where not exists (select 1 from time where time.start_time = play_times.start_time)
order by start_time
