-- songplays: level is 'free' or 'paid'. Returns the plays with any other level.
select songplay_id, level
from songplays
where level is null or level not in ('free', 'paid')
