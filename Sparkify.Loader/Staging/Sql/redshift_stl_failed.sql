-- stl_load_errors: one row per record a COPY could not load. Why a COPY failed: the errors its session logged since
-- @since (a little before the COPY began), read on a second connection, as the failed COPY aborted the run's transaction.
-- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html
select trim(filename) as file_name, line_number, trim(colname) as column_name, err_code as error_code,
    trim(err_reason) as error_message, trim(raw_field_value) as raw_field_value
from stl_load_errors
where session = @session and starttime >= @since
order by 1, 2
