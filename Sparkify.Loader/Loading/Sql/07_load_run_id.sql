-- load_runs: the id of the run just started. Runs are serialised (an advisory lock on PostgreSQL, a LOCK
-- on Redshift) and a run that died was marked abandoned first, so exactly one row is running: this one.
-- (Not max(run_id): Redshift's IDENTITY values are unique but need not grow in the order rows arrive.)
select run_id from load_runs where outcome = 'running'
