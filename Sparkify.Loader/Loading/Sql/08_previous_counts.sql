-- load_runs: every table's rows after the last run that succeeded. A run adds its staged rows to the staging
-- tables' counts, and (where the engine tells, 12_rows_changed.sql) its net changes to the star tables', instead of
-- counting tables that hold the whole history.
select staging_events_rows, staging_songs_rows, songplays_rows, users_rows, user_levels_rows, songs_rows, artists_rows, time_rows
from load_runs
where outcome = 'succeeded'
order by finished_at desc
limit 1
