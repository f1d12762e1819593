-- users: level is 'free' or 'paid'. Returns the users with any other level.
select user_id, level
from users
where (@run_id is null or run_id = @run_id)
    and (level is null or level not in ('free', 'paid'))
