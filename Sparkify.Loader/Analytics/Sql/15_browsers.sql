-- browsers: one row per browser (Chrome, Safari, Firefox, …), with its plays and the distinct users.
-- Question: which browsers does the web player have to work best in?
select c.browser as name, count(*) as plays, count(distinct p.user_id) as users
from songplays as p
inner join user_agent_classes as c on c.user_agent = coalesce(p.user_agent, '')
group by c.browser
order by plays desc, name
