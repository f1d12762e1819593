-- {table}'s indexes, built again over the rows this run wrote, if 04_indexes_set_aside.sql set them aside; before the
-- data checks, which read the run's rows by them, and before the statistics.
do $$
declare
    index_row record;
begin
    if to_regclass('pg_temp.set_aside_indexes') is null then
        return;
    end if;
    for index_row in select definition from set_aside_indexes where table_name = '{table}' loop
        execute index_row.definition;
    end loop;
    delete from set_aside_indexes where table_name = '{table}';
end
$$
