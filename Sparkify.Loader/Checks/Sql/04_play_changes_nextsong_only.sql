-- songplays: the plays a run writes come from NextSong events. Returns the plays in the run's rule table
-- (07_play_changes.sql, what 08_songplays.sql writes) whose event had another page.
-- (The rule table holds only this run's plays; a full check also compares all of songplays with staging: 05.)
select start_time, user_id, session_id, page
from play_changes
where page <> 'NextSong'
