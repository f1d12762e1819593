using Npgsql;
using NpgsqlTypes;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Loading;

/// <summary>Stores the records a run skipped in <c>load_errors</c>, inside the run's transaction.</summary>
public static class LoadErrorWriter
{
    public static PlannedStatement Copy { get; } = new("keep the bad records the run skipped in load_errors",
        "copy load_errors (run_id, file, line, reason, raw_text) from stdin (format binary)")
    {
        When = "only when the run skipped bad records (--max-errors)",
    };

    public static async Task WriteAsync(NpgsqlConnection connection, long runId, BadRecords badRecords, CancellationToken cancellationToken)
    {
        if (badRecords.Skipped.Count == 0)
            return;
        await using var importer = await connection.ImportAsync(Copy, cancellationToken);
        foreach (var error in badRecords.Skipped.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line))
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(error.File, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(error.Line, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(error.Problem.Length <= 1024 ? error.Problem : error.Problem[..1024], NpgsqlDbType.Varchar, cancellationToken);
            if (error.RawText is null)
                await importer.WriteNullAsync(cancellationToken);
            else
                await importer.WriteAsync(error.RawText, NpgsqlDbType.Varchar, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
