-- sys_load_error_detail: one row per record a COPY could not load. Why a COPY failed: the errors its session logged since
-- @since (a little before the COPY began), read on a second connection, as the failed COPY aborted the run's transaction.
-- https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html
select trim(file_name) as file_name, line_number, trim(column_name) as column_name, error_code,
    trim(error_message) as error_message, '' as raw_field_value
from sys_load_error_detail
where session_id = @session and start_time >= @since
order by 1, 2
