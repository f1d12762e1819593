-- songplays: every start_time is present in time.start_time. Returns the rows whose start_time is missing there.
select child.*
from songplays as child
where not exists (select 1 from time as parent where parent.start_time = child.start_time)
