using Npgsql;
using Sparkify.Loader.Model;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Loading;

/// <summary>The rows every warehouse table holds at the end of a run, for the report and for load_runs.</summary>
/// <remarks>
/// The staging tables hold every event and song ever staged, and counting them would cost a scan of that whole
/// history each run: their count is the last successful run's plus the rows this run staged (or only those,
/// when it emptied the table first). The star tables are counted.
/// </remarks>
public static class TableCounts
{
    public static PlannedStatement PreviousCounts { get; } = new("the staging tables' rows after the last run that succeeded",
        SqlScripts.LoadRuns.Get("08_previous_counts.sql").Sql);

    /// <summary>A staging table is counted only when neither its last count nor an emptying this run tells its rows.</summary>
    private static readonly Dictionary<string, PlannedStatement> StagingCounts = WarehouseTables.Staging.ToDictionary(table => table,
        table => Count(table) with { When = RunCondition.Only(f => !f.StagedAfresh(table) && f.CountUnrecorded(table)) });

    /// <summary>Every statement <see cref="AfterRunAsync"/> may run, in order, for the plan.</summary>
    public static IReadOnlyList<PlannedStatement> Plan { get; } =
        [PreviousCounts, .. WarehouseTables.Staging.Select(table => StagingCounts[table]), .. WarehouseTables.Star.Select(Count)];

    public static async Task<IReadOnlyList<(string Table, long Rows)>> AfterRunAsync(NpgsqlConnection connection, StagedTables staged, RunFacts facts,
        CancellationToken cancellationToken)
    {
        var previous = await PreviousStagingCountsAsync(connection, cancellationToken);
        var counts = new List<(string, long)>();
        foreach (var (table, before) in new[] { (StagingTable.Events, previous.Events), (StagingTable.Songs, previous.Songs) })
        {
            if (before is not null)
                facts.CountRecorded(table.Name);
            var outcome = staged.For(table);
            var count = StagingCounts[table.Name];
            counts.Add((table.Name, count.RunsFor(facts) ? await connection.ScalarAsync<long>(count, cancellationToken)
                : outcome.Restaged ? outcome.Rows
                : before!.Value + outcome.Rows));
        }
        foreach (var table in WarehouseTables.Star)
            counts.Add((table, await connection.ScalarAsync<long>(Count(table), cancellationToken)));
        return counts;
    }

    private static PlannedStatement Count(string table) => new($"count {table}", $"select count(*) from {table}");

    private static async Task<(long? Events, long? Songs)> PreviousStagingCountsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(PreviousCounts);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return (null, null);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }
}
