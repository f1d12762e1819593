using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Sparkify.Data;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>
/// Every statement a load may run for the configured engine, session by session, in the order it runs them, each
/// saying when it runs; built without connecting. The statements are the objects the run executes (each part of
/// the load lists its own), and a test compares a real run's statement log with this list.
/// </summary>
public static class LoadPlan
{
    // Building the migration script needs a connection string, never a connection.
    private const string NoConnection = "Host=plan.invalid";

    public static IReadOnlyList<PlanStep> For(IWarehouseEngine engine, string database)
    {
        var steps = new List<PlanStep>();
        void Add(LoadSession session, string part, IEnumerable<PlannedStatement> statements) =>
            steps.AddRange(statements.Select(statement => new PlanStep(session, part, statement)));

        var (takeLock, releaseLock) = engine.LockPlan;
        var (scope, upkeep, stager) = (engine.RunScope, engine.Upkeep, engine.Stager);
        Add(LoadSession.Maintenance, "database", engine.CreatingDatabase(database));
        Add(LoadSession.Lock, "lock", takeLock);
        Add(LoadSession.Migrations, StageNames.Of(LoadStage.Schema), Migrations(engine));
        Add(LoadSession.Run, "open the run", [.. scope.Opening, .. upkeep.BeforeStaging]);
        Add(LoadSession.Run, StageNames.Of(LoadStage.StageEvents), stager.Plan(StagingTable.Events));
        Add(LoadSession.Run, StageNames.Of(LoadStage.StageSongs), stager.Plan(StagingTable.Songs));
        Add(LoadSession.Run, "bad records", [stager.KeepSkipped]);
        Add(LoadSession.Run, StageNames.Of(LoadStage.Transform),
        [
            .. upkeep.AfterStaging(null),
            .. TransformPlan.Statements.Select(s => s.Statement),
            .. upkeep.AfterTransforms(null),
            .. engine.Checks.Select(c => c.Statement),
            .. TransformPlan.Cleanup,
        ]);
        Add(LoadSession.Run, "finish", [.. TableCounts.Plan, .. scope.Closing]);
        Add(LoadSession.Lock, "finish", releaseLock);
        Add(LoadSession.Run, "on failure", scope.Failing.Select(s => s with { When = "only when the run fails, in place of the finish above" }));
        return steps;
    }

    /// <summary>What EF Core's migrator runs: its own bookkeeping, then the migrations the database lacks.</summary>
    private static IReadOnlyList<PlannedStatement> Migrations(IWarehouseEngine engine)
    {
        using var context = new SparkifyDbContext(engine.ContextOptions(NoConnection));
        return
        [
            new("EF Core's migrator: check that the database answers", "SELECT 1"),
            new("EF Core's migrator: create its history table when it is missing", context.GetService<IHistoryRepository>().GetCreateIfNotExistsScript()),
            new("EF Core's migrator: the migrations the database lacks, each in a transaction that first locks the history table and " +
                "reads which migrations are applied, and last records its own row", context.GetService<IMigrator>().GenerateScript())
            {
                When = "only the migrations the database lacks",
            },
        ];
    }
}
