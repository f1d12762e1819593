-- {table}'s indexes, set aside while this run fills it from empty and built again over its rows before the checks read
-- them (05_indexes_rebuilt.sql): building an index once over the rows costs a fraction of keeping it up row by row (at
-- 1M events, writing songplays and time took 0.9-1.1 s without their five indexes, 2.3-2.7 s with them, and building the
-- five afterwards 0.4 s). https://www.postgresql.org/docs/current/populate.html#POPULATE-RM-INDEXES
-- Only for a table with no rows, a first load's: dropping an index locks the table until the run commits, so a reader of
-- it waits for the first load's rows instead of seeing none. A table with rows keeps its indexes and its readers read on
-- as the run rewrites it, and so does one that another session holds a lock on (NOWAIT: the run never waits for a reader,
-- so it cannot deadlock with one), or that a foreign key refers to. Read before the transforms empty the table, so a
-- full reload's emptying never counts as empty. The definitions are read from the catalogue, exactly as the migrations
-- made them, and kept in set_aside_indexes until the run's transaction ends.
do $$
declare
    index_row record;
begin
    if exists (select 1 from {table})
        or exists (select 1 from pg_constraint where confrelid = cast('{table}' as regclass)) then
        return;
    end if;
    lock table {table} in access exclusive mode nowait;
    create temp table if not exists set_aside_indexes (table_name text not null, definition text not null) on commit drop;
    for index_row in
        select
            cast(indexes.indexrelid as regclass) as index_name,
            constraints.conname as constraint_name,
            case
                when constraints.conname is null then pg_get_indexdef(indexes.indexrelid)
                else format('alter table {table} add constraint %I %s', constraints.conname, pg_get_constraintdef(constraints.oid))
            end as definition
        from pg_index as indexes
        left join pg_constraint as constraints
            on constraints.conindid = indexes.indexrelid
            and constraints.conrelid = indexes.indrelid
            and constraints.contype in ('p', 'u', 'x')
        where indexes.indrelid = cast('{table}' as regclass)
    loop
        insert into set_aside_indexes (table_name, definition) values ('{table}', index_row.definition);
        if index_row.constraint_name is null then
            execute format('drop index %s', index_row.index_name);
        else
            execute format('alter table {table} drop constraint %I', index_row.constraint_name);
        end if;
    end loop;
exception
    when lock_not_available then
        null;
end
$$
