-- replaced_staging_events: the staged rows of changed files, found by the run that staged each and its number there
-- (loaded_files), copied aside before they are deleted from staging_events and the files' new content is staged; the
-- transforms undo what they built. The index on (run_id, file_number) finds exactly those rows' pages.
insert into replaced_staging_events
select *
from staging_events
where run_id = any(@run_ids)
    and (run_id, file_number) in (select * from unnest(@run_ids, @file_numbers))
