-- loaded_files: one row per input file staged into a table, until a full reload forgets them. The run and number say
-- which staged rows are the file's, should it change.
select path, size, modified_at, checksum, content_hash, run_id, file_number
from loaded_files
where table_name = @table_name
