-- user_levels: one row per period of a user at one level, from its first play until the first play at the next
-- level (null for the current period), as 11_level_changes.sql states them.
insert into user_levels (user_id, level, valid_from, valid_to, run_id)
select user_id, level, valid_from, valid_to, @run_id
from level_changes
