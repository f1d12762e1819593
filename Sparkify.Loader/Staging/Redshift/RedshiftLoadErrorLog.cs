using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Server;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>
/// Redshift's load-error log: what a COPY skipped under MAXERROR, and why a COPY failed. A provisioned cluster keeps it in
/// <c>stl_load_errors</c>, which Serverless lacks; Serverless has <c>sys_load_error_detail</c> (<see cref="Serverless"/>).
/// </summary>
/// <remarks>
/// A system table lives on the leader node, and Redshift refuses a statement that mixes it with user tables
/// (<c>insert into load_errors select … from stl_load_errors</c>): its rows come to the loader and go back by INSERT.
/// </remarks>
public sealed class RedshiftLoadErrorLog
{
    /// <summary>A provisioned cluster's <c>stl_load_errors</c>, the records of the session's last COPY found by <c>pg_last_copy_id()</c>.</summary>
    public static RedshiftLoadErrorLog Provisioned { get; } = new("stl_load_errors", "redshift_stl_skipped.sql", "redshift_stl_failed.sql");

    /// <summary>Serverless's <c>sys_load_error_detail</c>, the records of the session's COPYs since the COPY began.</summary>
    public static RedshiftLoadErrorLog Serverless { get; } = new("sys_load_error_detail", "redshift_sys_skipped.sql", "redshift_sys_failed.sql");

    private RedshiftLoadErrorLog(string view, string skipped, string failed)
    {
        View = view;
        Skipped = new($"read the records this COPY skipped from {view}", Sql(skipped)) { Repeats = "after each COPY" };
        Failed = new($"read why the COPY failed from {view}, on a second connection (the failed COPY aborted the run's transaction)", Sql(failed))
        {
            When = RunCondition.Only(f => f.CopyFailed),
        };
    }

    /// <summary>The system view the log is read from, for messages.</summary>
    public string View { get; }

    public PlannedStatement Skipped { get; }

    public PlannedStatement Failed { get; }

    /// <summary>The records the session's last COPY skipped (one that began after <paramref name="since"/>); some may be an earlier COPY's.</summary>
    public Task<IReadOnlyList<RedshiftLoadError>> SkippedAsync(NpgsqlConnection connection, DateTime since, CancellationToken cancellationToken) =>
        ReadAsync(connection, Skipped, cancellationToken, PlannedCommands.Parameter("since", since));

    /// <summary>
    /// Why the COPY of session <paramref name="session"/> failed, read through a new connection made like <paramref name="failed"/>: the
    /// failed one's transaction is aborted, and Npgsql closes a connection on an XX000 error, which is how Redshift reports a failed load.
    /// </summary>
    public async Task<IReadOnlyList<RedshiftLoadError>> ReadFailureAsync(NpgsqlConnection failed, int session, DateTime since,
        CancellationToken cancellationToken)
    {
        await using var connection = UnpooledSession.Clone(failed);
        await connection.OpenAsync(cancellationToken);
        return await ReadAsync(connection, Failed, cancellationToken,
            PlannedCommands.Parameter("session", session), PlannedCommands.Parameter("since", since));
    }

    private static async Task<IReadOnlyList<RedshiftLoadError>> ReadAsync(NpgsqlConnection connection, PlannedStatement statement,
        CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var errors = new List<RedshiftLoadError>();
        // Each view's statement takes the parameters it names.
        await using var command = connection.Command(statement, [.. parameters.Where(p => statement.Sql.Contains("@" + p.ParameterName, StringComparison.Ordinal))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string Text(int column) => reader.IsDBNull(column) ? "" : reader.GetString(column);
        while (await reader.ReadAsync(cancellationToken))
            errors.Add(new RedshiftLoadError(Text(0), reader.GetInt64(1), Text(2), reader.GetInt32(3), Text(4), Text(5)));
        return errors;
    }

    private static string Sql(string name) => SqlScripts.Staging.Get(name).Sql;
}
