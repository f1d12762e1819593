-- devices: one row per device (Mac, Windows PC, iPhone, …), with its plays and the distinct users.
-- Question: what do people listen on?
select c.device as name, count(*) as plays, count(distinct p.user_id) as users
from songplays as p
inner join user_agent_classes as c on c.user_agent = coalesce(p.user_agent, '')
group by c.device
order by plays desc, name
