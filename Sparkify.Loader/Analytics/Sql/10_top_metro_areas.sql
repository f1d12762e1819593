-- top_metro_areas: one row per metro area (the event's location, e.g. "Chicago-Naperville-Elgin, IL-IN-WI")
-- among the ten with the most plays, with the distinct users who played there.
-- Question: where do our listeners live?
select coalesce(location, '(unknown)') as name, count(*) as plays, count(distinct user_id) as users
from songplays
group by coalesce(location, '(unknown)')
order by plays desc, name
limit 10
