-- rebuilt_plays: every NextSong event staging holds for a rebuilt user (08_level_users.sql), of any run, read once for
-- the rules that state such a user again from all their plays: 11_level_changes.sql, their level history;
-- 14_user_changes.sql, the latest play of a user whose latest play was replaced (02_replaced_users.sql: each of them has
-- a replaced play, so is rebuilt); and 20_play_changes.sql, which matches again their earlier events whose play was
-- undone, so each row carries what a play is made of. A corrected day reads staging for them once, not once per rule.
-- Empty, and read from nothing, on a run with no rebuilt user: the daily case and a first load.
create temp table rebuilt_plays as
select user_id, first_name, last_name, gender, level, ts, session_id, item_in_session, run_id,
    location, user_agent, page, song, artist, length
from staging_events
where page = 'NextSong'
    and exists (select 1 from level_users where rebuilt = 1)
    and user_id in (select cast(user_id as varchar(32)) from level_users where rebuilt = 1)
