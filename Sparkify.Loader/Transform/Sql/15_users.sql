-- users: one row per user who played a song, with the name, gender and level of their latest play
-- (14_user_changes.sql says which play that is) and when it started.
merge into users
using user_changes as changes
on users.user_id = changes.user_id
when matched then update set
    first_name = changes.first_name,
    last_name = changes.last_name,
    gender = changes.gender,
    level = changes.level,
    last_played_at = changes.played_at,
    run_id = @run_id
when not matched then insert (user_id, first_name, last_name, gender, level, last_played_at, run_id)
values (changes.user_id, changes.first_name, changes.last_name, changes.gender, changes.level, changes.played_at, @run_id)
