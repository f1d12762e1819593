using Npgsql;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// What a Redshift cluster has and PostgreSQL lacks, for the loader's code that reads it: <c>stl_load_errors</c> and
/// <c>sys_load_error_detail</c> as tables with the columns and types AWS documents, and <c>pg_last_copy_id()</c>, reading
/// the last COPY each session ran from a table the stand-in writes.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/PG_LAST_COPY_ID.html ("returns -1" before any COPY). char(n) columns pad
/// with blanks in PostgreSQL as in Redshift, which is why the loader trims them.
/// </remarks>
public static class RedshiftSystemTables
{
    /// <summary>The table behind <c>pg_last_copy_id()</c>: each session's last COPY.</summary>
    public const string LastCopies = "redshift_standin_last_copies";

    public const string Create = $"""
        create table stl_load_errors (
            userid integer, slice integer, tbl integer, starttime timestamp, session integer, query integer,
            filename char(256), line_number bigint, colname char(127), type char(10), col_length char(10), position integer,
            raw_line char(1024), raw_field_value char(1024), err_code integer, err_reason char(100), is_partial integer, start_offset bigint);
        create table sys_load_error_detail (
            user_id integer, query_id bigint, transaction_id bigint, session_id integer, database_name char(64), table_id integer,
            start_time timestamp, file_name char(256), line_number bigint, column_name char(127), column_type char(10),
            column_length char(10), position integer, error_code integer, error_message char(512));
        create table {LastCopies} (session integer primary key, query integer not null);
        create function pg_last_copy_id() returns integer language sql stable
            as 'select coalesce((select query from {LastCopies} where session = pg_backend_pid()), -1)';
        """;

    /// <summary>Creates them in the database <paramref name="connection"/> is open on.</summary>
    public static async Task CreateAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(Create, connection);
        await command.ExecuteNonQueryAsync();
    }
}
