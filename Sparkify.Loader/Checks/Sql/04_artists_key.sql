-- artists: artist_id is unique and not null. Returns each violating key with how often it occurs.
select artist_id, count(*) as occurrences
from artists
group by artist_id
having count(*) > 1 or artist_id is null
