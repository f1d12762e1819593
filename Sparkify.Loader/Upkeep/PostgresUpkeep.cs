using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Sparkify.Data.Schema;
using Sparkify.Loader.Model;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Upkeep;

/// <summary>
/// PostgreSQL's upkeep: the BRIN index gets summaries for the pages a run added to the table's history (so that matching a
/// replaced day's plays again skips the other days' pages), and a table the run changed gets fresh statistics once its changes
/// reach the share at which autovacuum would refresh them (03_statistics_when_stale.sql). Below that share a staging table
/// still gets its run column's: the run's rows carry a run_id the statistics have never seen, and the transforms read by it.
/// A first load fills each empty star table without its indexes and builds them before the checks (04_indexes_set_aside.sql,
/// 05_indexes_rebuilt.sql): one build over the rows costs a fraction of keeping them up as the rows arrive.
/// </summary>
/// <remarks>
/// A BRIN index summarises a range of pages only when told to (or at autovacuum's leisure); pages without a
/// summary are read by every scan that uses the index. https://www.postgresql.org/docs/current/brin.html
/// Without statistics the planner guessed at tables just filled: the 1M-event set's match took three times as
/// long, and the checks of one run's rows scanned every row. A small sample (statistics target 10, 3,000 rows)
/// planned as well as the default's 30,000 and cost a fifteenth of it (22 ms against 350 ms for a million events).
/// </remarks>
/// <param name="brinIndexes">The BRIN indexes the model declares, by table (<see cref="BrinIndexes"/>).</param>
public sealed class PostgresUpkeep(ILookup<string, string> brinIndexes) : IEngineUpkeep
{
    private static readonly PlannedStatement SmallSample =
        new("a small statistics sample for the ANALYZEs below (this transaction only)", SqlScripts.Upkeep.Get("02_small_statistics_sample.sql").Sql);

    // The transforms and checks are a few large statements: compiling each with JIT took 100 to 200 ms and saved less
    // (the 1M-event set's transform stage took 0.8 s less without it). The floor in bench/run runs with the same setting.
    public IReadOnlyList<PlannedStatement> BeforeStaging { get; } =
        [new("no JIT compilation for this run's statements (this transaction only)", SqlScripts.Upkeep.Get("01_no_jit.sql").Sql)];

    public IReadOnlyList<PlannedStatement> AfterStaging { get; } =
    [
        SmallSample with { When = RunCondition.Only(f => f.AnyRowsStaged) },
        .. WarehouseTables.Staging.SelectMany(table => Refresh(brinIndexes, table,
            "the transforms' joins, or of its run column alone while the run's changes to it are below autovacuum's threshold",
            RunCondition.Only(f => f.RowsStaged(table)), StatisticsWhenStale(otherwise: $"analyze {{table}} ({StagingTable.RunIdColumn});"),
            summaries: RunCondition.Only(f => f.RowsStaged(table) && !f.StagedAfresh(table)))),
        .. WarehouseTables.Star.Select(table => new PlannedStatement($"set {table}'s indexes aside if it is empty and no other session holds it, to build them once it is full",
            ForTable("04_indexes_set_aside.sql", table)) { When = TransformPlan.RebuildsAll(table) }),
    ];

    // A run that staged nothing wrote nothing either: the star tables are as the last run left them.
    public IReadOnlyList<PlannedStatement> AfterTransforms { get; } =
    [
        .. WarehouseTables.Star.Select(table => new PlannedStatement($"build {table}'s indexes again if they were set aside",
            ForTable("05_indexes_rebuilt.sql", table)) { When = TransformPlan.RebuildsAll(table) }),
        SmallSample with { When = RunCondition.Only(f => f.AnyRowsStaged) },
        .. WarehouseTables.Star.SelectMany(table => Refresh(brinIndexes, table,
            "the data checks, if the run's changes to it reach autovacuum's threshold", RunCondition.Only(f => f.AnyRowsStaged), StatisticsWhenStale(otherwise: "null;"))),
    ];

    /// <summary>An Upkeep/Sql script about one table: its <c>{table}</c> that table's name (one the model gives, so a literal).</summary>
    private static string ForTable(string script, string table) => SqlScripts.Upkeep.Get(script).Sql.Replace("{table}", table, StringComparison.Ordinal);

    /// <summary>03_statistics_when_stale.sql, with <paramref name="otherwise"/> (a PL/pgSQL statement) for a change below the threshold.</summary>
    /// <remarks>Of its run column alone, ANALYZE takes the same sample and half the time: 11 ms against 22 ms for a day's run over a million events.</remarks>
    private static string StatisticsWhenStale(string otherwise) =>
        SqlScripts.Upkeep.Get("03_statistics_when_stale.sql").Sql.Replace("{otherwise}", otherwise, StringComparison.Ordinal);

    /// <summary>
    /// The summaries of <paramref name="table"/>'s BRIN indexes (when <paramref name="summaries"/> holds, else with the statistics), then its
    /// statistics: always, or with <paramref name="analyze"/> (its <c>{table}</c> the table's name) deciding in the server whether they are due.
    /// </summary>
    /// <remarks>
    /// A table staged afresh is left to autovacuum to summarise: its VACUUM, due within a minute of a load that large, summarises every
    /// range, and until then a range without a summary is only read, never skipped, by the one statement that uses the index (a replaced
    /// day's plays). Summarising a million fresh events in the run took 0.2 to 0.5 s; a daily run's new ranges take a few ms, and
    /// brin_summarize_new_values also summarises any range still without one.
    /// </remarks>
    private static IEnumerable<PlannedStatement> Refresh(ILookup<string, string> brinIndexes, string table, string purpose, RunCondition when,
        string analyze = "analyze {table}", RunCondition? summaries = null) =>
        brinIndexes[table]
            .Select(index => new PlannedStatement($"summaries of {index}'s new page ranges",
                $"select brin_summarize_new_values(cast('{index}' as regclass))") { When = summaries ?? when })
            .Append(new PlannedStatement($"statistics of {table} for {purpose}", analyze.Replace("{table}", table, StringComparison.Ordinal)) { When = when });

    /// <summary>The BRIN indexes the model declares, by table (names the code controls, so they go into the SQL as literals).</summary>
    public static ILookup<string, string> BrinIndexes(IModel model) =>
        model.GetRelationalModel().Tables
            .SelectMany(t => t.Indexes.Where(i => i.MappedIndexes.Any(m => m.FindAnnotation(SchemaAnnotationNames.BlockRangeIndex)?.Value is true)).Select(i => (Table: t.Name, Index: i.Name)))
            .ToLookup(x => x.Table, x => x.Index);
}
