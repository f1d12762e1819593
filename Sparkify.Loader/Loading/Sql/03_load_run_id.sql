-- load_runs: the id of the run just started (runs are serialised by the load lock, so it is the newest).
select max(run_id) from load_runs
