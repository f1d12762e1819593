-- load_runs: one row per run. A run still marked running when the next one holds the load lock
-- can only be one whose process died: it is marked abandoned.
update load_runs
set outcome = 'abandoned',
    finished_at = @now,
    message = 'The loader stopped before this run finished; its changes were rolled back.'
where outcome = 'running'
