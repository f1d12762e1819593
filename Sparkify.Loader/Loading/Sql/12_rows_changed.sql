-- The rows the run's transaction has added to each table so far, net: inserted less deleted (an update adds none), as
-- PostgreSQL counts them for the transaction in progress
-- (https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ALL-TABLES-VIEW). The run's own
-- session is not pooled, so no earlier transaction's counts are among them; the run takes no savepoint, whose rollback
-- would leave its rows counted. No rows when the server does not count (track_counts off): the tables are counted then.
select relname, n_tup_ins - n_tup_del
from pg_stat_xact_user_tables
where schemaname = current_schema()
    and current_setting('track_counts') = 'on'
