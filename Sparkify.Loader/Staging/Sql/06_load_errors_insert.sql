-- load_errors: one row per bad input record a run skipped. On Redshift, by multi-row INSERTs of this one row, repeated.
insert into load_errors (run_id, file, line, reason, raw_text) values (@run_id, @file, @line, @reason, @raw_text)
