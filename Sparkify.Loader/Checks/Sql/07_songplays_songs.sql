-- songplays: every song_id is present in songs.song_id. Returns the rows whose song_id is missing there.
select child.*
from songplays as child
where not exists (select 1 from songs as parent where parent.song_id = child.song_id)
