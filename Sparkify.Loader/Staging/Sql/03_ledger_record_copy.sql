-- loaded_files: one row per input file staged into a table. On PostgreSQL a run records the files it staged by binary COPY,
-- each with its number, which its staged rows carry.
copy loaded_files (path, table_name, size, modified_at, checksum, content_hash, run_id, file_number) from stdin (format binary)
