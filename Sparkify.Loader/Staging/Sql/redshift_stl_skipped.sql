-- stl_load_errors: one row per record a COPY could not load, on a provisioned cluster's main cluster. The records the
-- session's last COPY skipped: pg_last_copy_id() is that COPY's query id. The record's text is read from its file, not
-- from raw_line, which is cut to 1,024 bytes with multibyte characters replaced by dots.
-- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html
-- https://docs.aws.amazon.com/redshift/latest/dg/PG_LAST_COPY_ID.html
select trim(filename) as file_name, line_number, trim(colname) as column_name, err_code as error_code,
    trim(err_reason) as error_message, trim(raw_field_value) as raw_field_value
from stl_load_errors
where query = pg_last_copy_id()
order by 1, 2
