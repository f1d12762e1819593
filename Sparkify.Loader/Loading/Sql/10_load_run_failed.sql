-- load_runs: one row per run. On Redshift a failed run's own row is rolled back with its transaction,
-- so the failure (or interruption) is recorded afterwards as a row of its own, complete at once.
insert into load_runs (started_at, finished_at, source, files, errors, outcome, message)
values (@started_at, @finished_at, @source, @files, @errors, @outcome, @message)
