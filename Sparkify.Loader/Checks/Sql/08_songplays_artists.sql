-- songplays: every artist_id is present in artists.artist_id. Returns the rows whose artist_id is missing there.
select child.*
from songplays as child
where not exists (select 1 from artists as parent where parent.artist_id = child.artist_id)
