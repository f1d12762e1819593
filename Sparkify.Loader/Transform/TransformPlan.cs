using Sparkify.Loader.Model;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Transform;

/// <summary>A transform statement and when it runs.</summary>
public sealed record TransformStatement(SqlScript Script, RunCondition When)
{
    /// <summary>The statement as the plan shows it and the run executes it, with when it runs.</summary>
    public PlannedStatement Statement { get; } = new(Script.Name, Script.Sql) { When = When };
}

/// <summary>
/// The transform stage's statements, in order: first the star tables whose staging was restaged in full are
/// emptied (they are rebuilt from all of it), then Transform/Sql runs: what replaced staged rows built is undone
/// (01 to 07), then the rules fill the dimensions and then the fact.
/// </summary>
/// <remarks>
/// Each transform reads only the rows this run staged (plus what they must be compared with), so a run costs
/// what its new data costs. A changed file's old rows (<see cref="Staging.ReplacedRows"/>) are undone first: the star
/// rows they built are deleted and rebuilt by the same rules from what staging now holds. When a staging table was
/// emptied and refilled (a full reload, no ledger yet, a changed file an engine cannot replace alone), everything in it
/// is new: the star tables built from it are emptied first, and the same statements rebuild them from all of it, so
/// they end as a load of every file at once would leave them.
/// </remarks>
public static class TransformPlan
{
    /// <summary>Each star table and the staging tables it is built from, in the order they are emptied (fact first).</summary>
    private static readonly (string Table, StagingTable[] From)[] BuiltFrom =
    [
        (WarehouseTables.SongPlays, [StagingTable.Events, StagingTable.Songs]),
        (WarehouseTables.Time, [StagingTable.Events, StagingTable.Songs]), // the start times of songplays
        (WarehouseTables.UserLevels, [StagingTable.Events]),
        (WarehouseTables.Users, [StagingTable.Events]),
        (WarehouseTables.Songs, [StagingTable.Songs]),
        (WarehouseTables.Artists, [StagingTable.Songs]),
    ];

    private static readonly Dictionary<string, RunCondition> Emptied = BuiltFrom.ToDictionary(star => star.Table, star => star.From switch
    {
        [var only] => RunCondition.Only(f => f.StagedAfresh(only.Name)),
        [var first, var second] => RunCondition.Only(f => f.StagedAfresh(first.Name) || f.StagedAfresh(second.Name)),
        _ => throw new InvalidOperationException($"{star.Table} is built from one or two staging tables."),
    });

    /// <summary>When the run empties star table <paramref name="table"/> and rebuilds it from all staged rows: when a staging table it
    /// is built from was staged afresh.</summary>
    public static RunCondition RebuildsAll(string table) => Emptied[table];

    public static IReadOnlyList<TransformStatement> Statements { get; } =
    [
        .. BuiltFrom.Select(star => new TransformStatement(new SqlScript($"empty {star.Table}",
            $"-- {star.Table}: emptied, to be rebuilt from all staged rows by the statements below.\ndelete from {star.Table}"),
            Emptied[star.Table])),
        .. SqlScripts.Transforms.Select(script => new TransformStatement(script, RunCondition.Always)),
    ];

    /// <summary>What the transform stage removes once the data checks are done (Transform/Cleanup).</summary>
    public static IReadOnlyList<PlannedStatement> Cleanup { get; } = [.. SqlScripts.Cleanup.Select(s => new PlannedStatement(s.Name, s.Sql))];

    /// <summary>The statements this run executes, given what staging did.</summary>
    public static IReadOnlyList<TransformStatement> For(RunFacts facts) => [.. Statements.Where(s => s.Statement.RunsFor(facts))];
}
