-- loaded_files: one row per staged input file. A Redshift run's first statement: LOCK holds the ledger
-- until the run's transaction ends, so a second run waits here and then sees what the first one staged.
-- (Readers of the star tables and of load_runs are not held up.)
-- https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html
lock loaded_files
