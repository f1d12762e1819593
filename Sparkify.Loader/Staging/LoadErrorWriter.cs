using Npgsql;
using NpgsqlTypes;
using Sparkify.Data.Entities;
using Sparkify.Loader.Model;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>
/// Stores the records a run skipped in <c>load_errors</c>, inside the run's transaction: by binary COPY on PostgreSQL,
/// by multi-row INSERTs on Redshift, which has no COPY from a client. The rows are the same on both engines.
/// </summary>
public static class LoadErrorWriter
{
    private static readonly RunCondition WhenSkipped = RunCondition.Only(f => f.SkippedBadRecords);
    private static readonly TextColumn FileColumn = TextColumn.Of<LoadError>(nameof(LoadError.File));
    private static readonly TextColumn ReasonColumn = TextColumn.Of<LoadError>(nameof(LoadError.Reason));

    public static PlannedStatement Copy { get; } = new("keep the bad records the run skipped in load_errors",
        SqlScripts.Staging.Get("05_load_errors_copy.sql").Sql) { When = WhenSkipped };

    public static PlannedStatement Insert { get; } = new("keep the bad records the run skipped in load_errors",
        SqlScripts.Staging.Get("06_load_errors_insert.sql").Sql)
    {
        When = WhenSkipped,
        Repeats = $"{PlannedCommands.RowsPerInsert:N0} rows per statement",
    };

    public static async Task CopyAsync(NpgsqlConnection connection, long runId, BadRecords badRecords, RunFacts facts, CancellationToken cancellationToken)
    {
        if (!Copy.RunsFor(facts))
            return;
        await using var importer = await connection.ImportAsync(Copy, cancellationToken);
        foreach (var error in InOrder(badRecords))
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(File(error), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(error.Line, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(Reason(error), NpgsqlDbType.Varchar, cancellationToken);
            if (error.RawText is null)
                await importer.WriteNullAsync(cancellationToken);
            else
                await importer.WriteAsync(error.RawText, NpgsqlDbType.Varchar, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    public static Task InsertAsync(NpgsqlConnection connection, long runId, BadRecords badRecords, RunFacts facts, CancellationToken cancellationToken) =>
        !Insert.RunsFor(facts) ? Task.CompletedTask : connection.InsertRowsAsync(Insert, InOrder(badRecords).Select(error => new NpgsqlParameter[]
        {
            new("run_id", NpgsqlDbType.Bigint) { Value = runId },
            new("file", NpgsqlDbType.Varchar) { Value = File(error) },
            new("line", NpgsqlDbType.Bigint) { Value = error.Line },
            new("reason", NpgsqlDbType.Varchar) { Value = Reason(error) },
            new("raw_text", NpgsqlDbType.Varchar) { Value = (object?)error.RawText ?? DBNull.Value },
        }), cancellationToken);

    private static IEnumerable<InputException> InOrder(BadRecords badRecords) =>
        badRecords.Skipped.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line);

    private static string Reason(InputException error) => ReasonColumn.Cut(error.Problem);

    private static string File(InputException error) => FileColumn.Cut(error.File);
}
