-- sys_load_error_detail: one row per record a COPY could not load, on Serverless and on provisioned clusters, concurrency
-- scaling included. The records this session's COPYs skipped since @since (a little before this COPY began); a run's
-- session is its own, and a record already set aside by an earlier COPY of the run is known by its file and line.
-- The view has no raw value: the record's text is read from its file.
-- https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html
-- https://docs.aws.amazon.com/redshift/latest/dg/PG_BACKEND_PID.html
select trim(file_name) as file_name, line_number, trim(column_name) as column_name, error_code,
    trim(error_message) as error_message, '' as raw_field_value
from sys_load_error_detail
where session_id = pg_backend_pid() and start_time >= @since
order by 1, 2
