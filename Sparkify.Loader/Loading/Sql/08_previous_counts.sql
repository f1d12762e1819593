-- load_runs: the staging tables' rows after the last run that succeeded. A run adds its staged rows to
-- them instead of counting tables that hold the whole history.
select staging_events_rows, staging_songs_rows
from load_runs
where outcome = 'succeeded'
order by finished_at desc
limit 1
