-- Statistics of {table} when this run's changes to it reach the threshold at which autovacuum refreshes a table's statistics:
-- autovacuum_analyze_threshold + autovacuum_analyze_scale_factor × its rows
-- (https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-STATISTICS); a table never analysed always
-- gets them. Smaller changes, added up over runs, autovacuum refreshes after they commit: a daily run that adds a few
-- percent to the history is spared an ANALYZE of every table it touched, and its checks, which read its own rows by
-- index, plan as well without. {otherwise} is what a smaller change gets instead: nothing, or (a staging table) the
-- statistics of its run column alone, for the transforms to find the run's new rows as many as they are.
do $$
begin
    if exists (
        select 1
        from pg_class as class
        inner join pg_stat_xact_user_tables as this_run on this_run.relid = class.oid
        where class.oid = cast('{table}' as regclass)
            and (class.reltuples < 0
                or this_run.n_tup_ins + this_run.n_tup_upd + this_run.n_tup_del
                >= cast(current_setting('autovacuum_analyze_threshold') as float8)
                + cast(current_setting('autovacuum_analyze_scale_factor') as float8) * class.reltuples)
    ) then
        analyze {table};
    else
        {otherwise}
    end if;
end
$$
