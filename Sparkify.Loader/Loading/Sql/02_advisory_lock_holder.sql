-- The session that holds the load lock, to say what a waiting load waits for. A bigint advisory key is kept as two
-- 32-bit halves: classid holds the high one (@high), objid the low one (@low).
select a.pid, a.backend_start, coalesce(a.client_addr::text, 'local')
from pg_locks l join pg_stat_activity a on a.pid = l.pid
where l.locktype = 'advisory' and l.granted and l.database = (select oid from pg_database where datname = current_database())
    and l.classid = @high and l.objid = @low
limit 1
