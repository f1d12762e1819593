-- load_errors: one row per bad input record a run skipped. On PostgreSQL the run keeps them by binary COPY.
copy load_errors (run_id, file, line, reason, raw_text) from stdin (format binary)
