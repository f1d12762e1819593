-- top_states: one row per US state among the ten with the most plays, with the distinct users there.
-- A location names its metro area, then its states ("Chicago-Naperville-Elgin, IL-IN-WI"): a metro area
-- spanning states counts in the first, the state of its principal city.
-- Question: which states do our listeners live in?
select state as name, count(*) as plays, count(distinct user_id) as users
from (
    select
        user_id,
        case
            when position(', ' in location) > 0 then split_part(split_part(location, ', ', 2), '-', 1)
            else '(unknown)'
        end as state
    from songplays
) as plays_by_state
group by state
order by plays desc, name
limit 10
