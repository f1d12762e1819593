-- staging_songs: the staged rows of changed files go, once copied aside (replaced_rows_staging_songs.sql).
delete from staging_songs
where run_id = any(@run_ids)
    and (run_id, file_number) in (select * from unnest(@run_ids, @file_numbers))
