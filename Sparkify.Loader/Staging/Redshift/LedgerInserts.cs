using Npgsql;
using NpgsqlTypes;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>Records staged objects in the ledger with multi-row INSERTs, the way Redshift takes a few thousand rows from a client.</summary>
/// <remarks>The statements are plain SQL, so they run on PostgreSQL too, where the tests run them.</remarks>
public static class LedgerInserts
{
    public static PlannedStatement Insert(StagingTable table) => new($"record the objects copied into {table.Name} in the ledger",
        SqlScripts.Staging.Get("04_ledger_record_insert.sql").Sql)
    {
        When = RunCondition.Only(f => f.FilesToStage(table.Name)),
        Repeats = $"{PlannedCommands.RowsPerInsert:N0} rows per statement",
    };

    public static Task RecordAsync(NpgsqlConnection connection, StagingTable table, long runId, IReadOnlyList<StagedFile> files, RunFacts facts,
        CancellationToken cancellationToken)
    {
        var insert = Insert(table);
        return !insert.RunsFor(facts) ? Task.CompletedTask : connection.InsertRowsAsync(insert, files.Select(file => new NpgsqlParameter[]
        {
            new("path", NpgsqlDbType.Varchar) { Value = file.File.Name },
            new("table_name", NpgsqlDbType.Varchar) { Value = table.Name },
            new("size", NpgsqlDbType.Bigint) { Value = file.File.Size },
            new("modified_at", NpgsqlDbType.Timestamp) { Value = FileLedger.ToMicroseconds(file.File.ModifiedAt) },
            new("checksum", NpgsqlDbType.Varchar) { Value = file.Checksum },
            new("content_hash", NpgsqlDbType.Varchar) { Value = (object?)file.ContentHex ?? DBNull.Value },
            new("run_id", NpgsqlDbType.Bigint) { Value = runId },
        }), cancellationToken);
    }
}
