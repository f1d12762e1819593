-- users_at_both_levels: one row for the whole warehouse.
-- Question: how many users played both as free and as paid users (they changed level)?
select count(*) as users
from (
    select user_id
    from songplays
    group by user_id
    having count(distinct level) > 1
) as changed_level
