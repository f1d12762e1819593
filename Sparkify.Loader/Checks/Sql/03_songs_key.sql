-- songs: song_id is unique and not null. Returns each violating key with how often it occurs.
select song_id, count(*) as occurrences
from songs
group by song_id
having count(*) > 1 or song_id is null
