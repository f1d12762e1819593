-- loaded_files: one row per input file staged into a table, until a full reload forgets them.
select path, size, modified_at, checksum, content_hash
from loaded_files
where table_name = @table_name
