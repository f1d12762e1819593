-- top_songs: one row per song among the ten most played, the most played first (ties by song_id).
-- Question: which songs do our users play most?
select p.song_id, s.title, a.name as artist, count(*) as plays
from songplays as p
inner join songs as s on s.song_id = p.song_id
inner join artists as a on a.artist_id = p.artist_id
group by p.song_id, s.title, a.name
order by plays desc, p.song_id
limit 10
