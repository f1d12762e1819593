-- users: each user has exactly one current period in user_levels, at the user's level. Returns each user the run wrote,
-- or wrote periods for, without one, with how many current periods they have and at which levels.
select users.user_id, users.level, count(current_period.user_id) as current_periods,
    min(current_period.level) as lowest_level, max(current_period.level) as highest_level
from users
left join user_levels as current_period
    on current_period.user_id = users.user_id
    and current_period.valid_to is null
where @run_id is null
    or users.run_id = @run_id
    or users.user_id in (select user_id from user_levels where run_id = @run_id)
group by users.user_id, users.level
having count(current_period.user_id) <> 1
    or min(current_period.level) <> users.level
    or max(current_period.level) <> users.level
