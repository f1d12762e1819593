using Npgsql;
using Sparkify.Loader.Model;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Loading;

/// <summary>The rows every warehouse table holds at the end of a run, for the report and for load_runs.</summary>
/// <remarks>
/// Counting a table costs a scan of its whole history, each run. A staging table's count is the last successful run's
/// plus the rows this run staged, less the rows of changed files it replaced (or only the staged rows, when it emptied the table first). A star table's is the last successful
/// run's plus the rows the run's transaction added to it, net, where the engine tells them (<see cref="IWarehouseEngine.RowsChanged"/>);
/// a full check counts every star table, as does a run with no earlier count to start from.
/// </remarks>
public static class TableCounts
{
    public static PlannedStatement PreviousCounts { get; } = new("every table's rows after the last run that succeeded",
        SqlScripts.LoadRuns.Get("08_previous_counts.sql").Sql);

    /// <summary>PostgreSQL's: the rows the run's transaction added to each table, net.</summary>
    public static PlannedStatement RowsChangedOnPostgres { get; } = new("the rows the run added to each table, net, as the server counts them",
        SqlScripts.LoadRuns.Get("12_rows_changed.sql").Sql);

    /// <summary>A staging table is counted only when neither its last count nor an emptying this run tells its rows.</summary>
    private static readonly Dictionary<string, PlannedStatement> StagingCounts = WarehouseTables.Staging.ToDictionary(table => table,
        table => Count(table) with { When = RunCondition.Only(f => !f.StagedAfresh(table) && f.CountUnrecorded(table)) });

    /// <summary>A star table is counted in a full check, or when its last count and the run's changes do not tell its rows.</summary>
    private static readonly Dictionary<string, PlannedStatement> StarCounts = WarehouseTables.Star.ToDictionary(table => table,
        table => Count(table) with { When = RunCondition.Only(f => f.FullCheck || f.CountUnrecorded(table)) });

    /// <summary>Every statement <see cref="AfterRunAsync"/> may run on <paramref name="engine"/>, in order, for the plan.</summary>
    public static IReadOnlyList<PlannedStatement> Plan(IWarehouseEngine engine) =>
    [
        PreviousCounts, .. WarehouseTables.Staging.Select(table => StagingCounts[table]),
        .. engine.RowsChanged is { } changed ? [changed with { When = RunCondition.Only(f => !f.FullCheck) }] : Array.Empty<PlannedStatement>(),
        .. WarehouseTables.Star.Select(table => StarCounts[table]),
    ];

    public static async Task<IReadOnlyList<(string Table, long Rows)>> AfterRunAsync(NpgsqlConnection connection, IWarehouseEngine engine,
        StagedTables staged, RunFacts facts, CancellationToken cancellationToken)
    {
        var previous = await PreviousCountsAsync(connection, cancellationToken);
        var counts = new List<(string, long)>();
        foreach (var table in new[] { StagingTable.Events, StagingTable.Songs })
        {
            var before = previous.GetValueOrDefault(table.Name);
            if (before is not null)
                facts.CountRecorded(table.Name);
            var outcome = staged.For(table);
            var count = StagingCounts[table.Name];
            counts.Add((table.Name, count.RunsFor(facts) ? await connection.ScalarAsync<long>(count, cancellationToken)
                : outcome.Restaged ? outcome.Rows
                : before!.Value - outcome.ReplacedRows + outcome.Rows));
        }
        var changed = engine.RowsChanged is { } rowsChanged && !facts.FullCheck
            ? await RowsChangedAsync(connection, rowsChanged, cancellationToken) : [];
        foreach (var table in WarehouseTables.Star)
        {
            if (previous.GetValueOrDefault(table) is not null && changed.ContainsKey(table))
                facts.CountRecorded(table);
            var count = StarCounts[table];
            counts.Add((table, count.RunsFor(facts) ? await connection.ScalarAsync<long>(count, cancellationToken)
                : previous[table]!.Value + changed[table]));
        }
        return counts;
    }

    private static PlannedStatement Count(string table) => new($"count {table}", $"select count(*) from {table}");

    /// <summary>Each table's count in load_runs after the last successful run, by table (null where it recorded none); empty before any.</summary>
    private static async Task<Dictionary<string, long?>> PreviousCountsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(PreviousCounts);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return [];
        return WarehouseTables.All.ToDictionary(table => table, table =>
        {
            var column = reader.GetOrdinal(LoadRunLog.RowsColumn(table));
            return reader.IsDBNull(column) ? (long?)null : reader.GetInt64(column);
        });
    }

    private static async Task<Dictionary<string, long>> RowsChangedAsync(NpgsqlConnection connection, PlannedStatement statement,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changed = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken))
            changed[reader.GetString(0)] = reader.GetInt64(1);
        return changed;
    }
}
