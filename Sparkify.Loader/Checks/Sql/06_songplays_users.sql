-- songplays: every user_id is present in users.user_id. Returns the rows whose user_id is missing there.
select child.*
from songplays as child
where not exists (select 1 from users as parent where parent.user_id = child.user_id)
