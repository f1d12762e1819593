-- load_runs: one row per run, written when the run starts and completed when it ends.
insert into load_runs (started_at, source, errors, outcome)
values (@started_at, @source, 0, 'running')
