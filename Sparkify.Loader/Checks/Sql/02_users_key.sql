-- users: user_id is unique and not null. Returns each violating key with how often it occurs.
select user_id, count(*) as occurrences
from users
group by user_id
having count(*) > 1 or user_id is null
