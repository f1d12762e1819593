-- staging_events: the events this run staged whose ts (epoch milliseconds) is outside the plausible window, with their
-- count. Redshift's COPY cannot refuse a value by range, so the run looks after it.
select count(*) over (), ts, user_id, session_id, item_in_session
from staging_events
where run_id = @run_id and (ts < @earliest or ts > @latest)
order by ts
limit 3
