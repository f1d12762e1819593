using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Sparkify.Loader.Model;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Upkeep;

/// <summary>
/// PostgreSQL's upkeep: the BRIN indexes get summaries for the pages a run filled (so that the next read of one
/// run's rows skips every other run's pages), and the tables a run added rows to get fresh statistics.
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

    public IReadOnlyList<PlannedStatement> AfterStaging(StagedTables? staged)
    {
        var tables = staged is null
            ? [StagingTable.Events, StagingTable.Songs]
            : new[] { StagingTable.Events, StagingTable.Songs }.Where(t => staged.For(t).Rows > 0).ToArray();
        return Refresh(tables.Select(t => t.Name), "the transforms' joins", staged is null ? "when this run staged rows into it" : null);
    }

    public IReadOnlyList<PlannedStatement> AfterTransforms(StagedTables? staged) => staged switch
    {
        null => Refresh(WarehouseTables.Star, "the data checks", "when this run staged rows"),
        // A run that staged nothing wrote nothing either: the star tables are as the last run left them.
        { Events.Rows: 0, Songs.Rows: 0 } => [],
        _ => Refresh(WarehouseTables.Star, "the data checks", null),
    };

    /// <param name="when">For the plan, when the statements run; null when a run has chosen them.</param>
    private IReadOnlyList<PlannedStatement> Refresh(IEnumerable<string> tables, string purpose, string? when)
    {
        var statements = tables.SelectMany(table => brinIndexes[table]
                .Select(index => new PlannedStatement($"summaries of {index}'s new page ranges",
                    $"select brin_summarize_new_values(cast('{index}' as regclass))") { When = when })
                .Append(new PlannedStatement($"statistics of {table} for {purpose}", $"analyze {table}") { When = when }))
            .ToList();
        return statements.Count == 0 ? [] : [SmallSample with { When = when }, .. statements];
    }

    /// <summary>The BRIN indexes the model declares, by table (names the code controls, so they go into the SQL as literals).</summary>
    public static ILookup<string, string> BrinIndexes(IModel model) =>
        model.GetRelationalModel().Tables
            .SelectMany(t => t.Indexes.Where(i => i.MappedIndexes.Any(m => m.GetMethod() == "brin")).Select(i => (Table: t.Name, Index: i.Name)))
            .ToLookup(x => x.Table, x => x.Index);
}
