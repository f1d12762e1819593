-- Releases the load lock at the run's end (ending the session would too).
select pg_advisory_unlock(@key)
