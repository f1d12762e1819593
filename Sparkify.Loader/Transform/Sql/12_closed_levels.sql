-- user_levels: a continued user's current period ends where the first period this run adds for them starts
-- (11_level_changes.sql).
update user_levels
set valid_to = first_change.valid_from, run_id = @run_id
from (
    select user_id, min(valid_from) as valid_from
    from level_changes
    group by user_id
) as first_change
where user_levels.user_id = first_change.user_id
    and user_levels.valid_to is null
