using System.Text;
using Npgsql;
using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>
/// Redshift's load-error log, <c>stl_load_errors</c>: what a COPY skipped under MAXERROR, kept in <c>load_errors</c> like
/// PostgreSQL's skipped records, and why a COPY failed. https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html
/// </summary>
/// <remarks>
/// A system table lives on the leader node, and Redshift refuses a statement that mixes it with user tables
/// (<c>insert into load_errors select … from stl_load_errors</c>): its rows come to the loader and go back by INSERT.
/// </remarks>
public static class RedshiftLoadErrorLog
{
    private const string Columns = """
        select trim(filename), line_number, trim(colname), err_code, trim(err_reason), trim(raw_field_value), trim(raw_line)
        from stl_load_errors
        """;

    /// <summary>The records the session's last COPY skipped: <c>pg_last_copy_id()</c> is that COPY's query id.</summary>
    public static PlannedStatement Skipped { get; } = new("read the records this COPY skipped from Redshift's load-error log", Columns + """

        where query = pg_last_copy_id()
        order by 1, 2
        """)
    {
        When = "after each COPY, when --max-errors or [S3] MAXERROR lets it skip records",
    };

    /// <summary>The newest errors of one session since a moment: what a failed COPY left in the log.</summary>
    public static PlannedStatement Failed { get; } = new(
        "read why the COPY failed from Redshift's load-error log, on a second connection (the failed COPY aborted the run's transaction)", Columns + """

        where session = @session and starttime >= @since
        order by starttime desc
        limit 10
        """)
    {
        When = "only when a COPY fails",
    };

    /// <summary>Sets aside what the last COPY skipped, as bad records of the run; one more than the run may skip is the error returned.</summary>
    public static async Task<InputException?> SetAsideSkippedAsync(NpgsqlConnection connection, BadRecords badRecords, CancellationToken cancellationToken)
    {
        foreach (var error in await ReadAsync(connection, Skipped, cancellationToken))
        {
            var record = new InputException(error.File, error.Line, $"column {error.Column}: {error.Reason} (Redshift load error {error.Code})");
            if (badRecords.TryAdd(record, Encoding.UTF8.GetBytes(error.RawLine)) is { } tooMany)
                return tooMany;
        }
        return null;
    }

    /// <summary>Why the COPY of <paramref name="failed"/>'s session failed, read through a new session since the failed one's transaction is aborted.</summary>
    public static async Task<IReadOnlyList<RedshiftLoadError>> ReadFailureAsync(NpgsqlConnection failed, DateTime since, CancellationToken cancellationToken)
    {
        // A clone keeps the password, which an open connection's string no longer shows.
        await using var connection = failed.CloneWith(failed.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await ReadAsync(connection, Failed, cancellationToken,
            PlannedCommands.Parameter("session", failed.ProcessID), PlannedCommands.Parameter("since", since));
    }

    private static async Task<IReadOnlyList<RedshiftLoadError>> ReadAsync(NpgsqlConnection connection, PlannedStatement statement,
        CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var errors = new List<RedshiftLoadError>();
        await using var command = connection.Command(statement, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string Text(int column) => reader.IsDBNull(column) ? "" : reader.GetString(column);
        while (await reader.ReadAsync(cancellationToken))
            errors.Add(new RedshiftLoadError(Text(0), reader.GetInt64(1), Text(2), reader.GetInt32(3), Text(4), Text(5)) { RawLine = Text(6) });
        return errors;
    }
}
