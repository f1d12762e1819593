-- headline: one row for the whole warehouse.
-- Question: which period do the plays cover, and how many plays, users, songs and artists are there?
select
    min(start_time) as first_play,
    max(start_time) as last_play,
    count(*) as plays,
    (select count(*) from users) as users,
    (select count(*) from songs) as songs,
    (select count(*) from artists) as artists
from songplays
