-- songplays: level is 'free' or 'paid'. Returns the plays with any other level.
select songplay_id, level
from songplays
where (@run_id is null or run_id = @run_id)
    and (level is null or level not in ('free', 'paid'))
