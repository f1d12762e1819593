-- The load lock on PostgreSQL: a session-level advisory lock on @key, taken by one load at a time and held on a session of
-- its own from before the migrations to the run's end; true when this session got it. It dies with its session, so a
-- killed loader leaves nothing behind. https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
select pg_try_advisory_lock(@key)
