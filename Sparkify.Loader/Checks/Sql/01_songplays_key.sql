-- songplays: songplay_id is unique and not null. Returns each violating key with how often it occurs.
select songplay_id, count(*) as occurrences
from songplays
group by songplay_id
having count(*) > 1 or songplay_id is null
