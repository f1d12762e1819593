using Sparkify.Loader.Model;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Transform;

/// <summary>A transform statement and when it runs: always, or only when a staging table it depends on was restaged in full.</summary>
/// <param name="RebuiltAfter">The staging tables whose full restage makes this statement run; empty: it always runs.</param>
public sealed record TransformStatement(SqlScript Script, IReadOnlyList<StagingTable> RebuiltAfter)
{
    public bool RunsFor(StagedTables staged) => RebuiltAfter.Count == 0 || RebuiltAfter.Any(t => staged.For(t).Restaged);

    /// <summary>The statement as the plan shows it and the run executes it, with when it runs.</summary>
    public PlannedStatement Statement { get; } = new(Script.Name, Script.Sql)
    {
        When = RebuiltAfter.Count == 0 ? null : $"only when {string.Join(" or ", RebuiltAfter.Select(t => t.Name))} was restaged in full",
    };
}

/// <summary>
/// The transform stage's statements, in order: first the star tables whose staging was restaged in full are
/// emptied (they are rebuilt from all of it), then Transform/Sql runs, dimensions before the fact.
/// </summary>
/// <remarks>
/// Each transform reads only the rows this run staged (plus what they must be compared with), so a run costs
/// what its new data costs. When a staging table was emptied and refilled (a full reload, no ledger yet, a
/// changed file), everything in it is new: the star tables built from it are emptied first, and the same
/// statements rebuild them from all of it, so they end as a load of every file at once would leave them.
/// </remarks>
public static class TransformPlan
{
    /// <summary>Each star table and the staging tables it is built from, in the order they are emptied (fact first).</summary>
    private static readonly (string Table, StagingTable[] From)[] BuiltFrom =
    [
        (WarehouseTables.SongPlays, [StagingTable.Events, StagingTable.Songs]),
        (WarehouseTables.Time, [StagingTable.Events, StagingTable.Songs]), // the start times of songplays
        (WarehouseTables.Users, [StagingTable.Events]),
        (WarehouseTables.Songs, [StagingTable.Songs]),
        (WarehouseTables.Artists, [StagingTable.Songs]),
    ];

    public static IReadOnlyList<TransformStatement> Statements { get; } =
    [
        .. BuiltFrom.Select(star => new TransformStatement(new SqlScript($"empty {star.Table}",
            $"-- {star.Table}: emptied, to be rebuilt from all staged rows by the statements below.\ndelete from {star.Table}"), star.From)),
        .. SqlScripts.Transforms.Select(script => new TransformStatement(script, [])),
    ];

    /// <summary>What the transform stage removes once the data checks are done (Transform/Cleanup).</summary>
    public static IReadOnlyList<PlannedStatement> Cleanup { get; } = [.. SqlScripts.Cleanup.Select(s => new PlannedStatement(s.Name, s.Sql))];

    /// <summary>The statements this run executes, given what staging did.</summary>
    public static IReadOnlyList<TransformStatement> For(StagedTables staged) => [.. Statements.Where(s => s.RunsFor(staged))];
}
