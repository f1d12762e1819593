-- top_artists: one row per artist among the ten most played, the most played first (ties by artist_id).
-- Question: which artists do our users play most?
select p.artist_id, a.name as artist, count(*) as plays
from songplays as p
inner join artists as a on a.artist_id = p.artist_id
group by p.artist_id, a.name
order by plays desc, p.artist_id
limit 10
