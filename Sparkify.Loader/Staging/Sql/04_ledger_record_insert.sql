-- loaded_files: one row per input file staged into a table. Redshift takes no COPY from a client: a run records the objects
-- it copied by multi-row INSERTs of this one row, repeated.
-- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-multi-row-inserts.html
insert into loaded_files (path, table_name, size, modified_at, checksum, content_hash, run_id) values (@path, @table_name, @size, @modified_at, @checksum, @content_hash, @run_id)
