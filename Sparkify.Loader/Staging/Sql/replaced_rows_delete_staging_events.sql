-- staging_events: the staged rows of changed files go, once copied aside (replaced_rows_staging_events.sql).
delete from staging_events
where run_id = any(@run_ids)
    and (run_id, file_number) in (select * from unnest(@run_ids, @file_numbers))
