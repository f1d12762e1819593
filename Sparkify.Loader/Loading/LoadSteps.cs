using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Sparkify.Data;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;
using Sparkify.Server;

namespace Sparkify.Loader.Loading;

/// <summary>
/// The one list of a load's steps for an engine, in the order they run: the plan prints their statements and the loader runs
/// them. Each step's code runs only the statements it lists, each when its condition holds.
/// </summary>
public static class LoadSteps
{
    // Building the migration script needs a connection string, never a connection.
    private const string NoConnection = "Host=plan.invalid";

    public static IReadOnlyList<LoadStep> For(IWarehouseEngine engine, string database)
    {
        var (takeLock, releaseLock) = engine.LockPlan;
        var (scope, upkeep, stager, checks) = (engine.RunScope, engine.Upkeep, engine.Stager, engine.Checks);
        return
        [
            new(LoadSession.Maintenance, "database", engine.CreatingDatabase(database),
                (run, token) => engine.EnsureDatabaseAsync(run.ConnectionString, run.Facts, token)),
            new(LoadSession.Lock, "lock", takeLock,
                async (run, token) => run.Lock = await engine.LockAsync(run.ConnectionString, run.LockWait, run.Observer.Waiting, run.Facts, token)),
            new(LoadSession.Migrations, StageNames.Of(LoadStage.Schema), new DeferredStatements(() => Migrations(engine)), async (run, token) =>
            {
                await using var db = new SparkifyDbContext(engine.ContextOptions(LoadSessions.ConnectionString(run.ConnectionString, LoadSession.Migrations)));
                // The migrator takes its lock and holds the model to the snapshot on every call; a database with every migration
                // of this build needs neither, only the read of its history, and one with none gets them all as one script.
                await using (var history = await UnpooledSession.OpenAsync(db.Database.GetConnectionString()!, token))
                {
                    var session = history.Connection;
                    var applied = await MigrationHistory.AppliedAsync(session, MigrationHistory.Read(db), token);
                    if (!db.Database.GetMigrations().Except(applied).Any())
                        return;
                    if (applied.Count == 0 && WholeScript(engine) is { } script)
                    {
                        await session.ExecuteAsync(script, token);
                        return;
                    }
                }
                await db.Database.MigrateAsync(token);
            }) { Stage = LoadStage.Schema, Detail = _ => "applying migrations" },
            new(LoadSession.Run, "open the run", [.. scope.Opening, .. upkeep.BeforeStaging, .. ReplacedRows.Tables], async (run, token) =>
            {
                await run.OpenAsync(engine, token);
                await run.Connection.ExecuteAllAsync(upkeep.BeforeStaging, run.Facts, token);
                await run.Connection.ExecuteAllAsync(ReplacedRows.Tables, run.Facts, token);
            }),
            new(LoadSession.Run, StageNames.Of(LoadStage.StageEvents), stager.Plan(StagingTable.Events),
                async (run, token) => run.Events = await stager.LoadAsync(run.Connection, StagingTable.Events, run.Staging, token))
            {
                Stage = LoadStage.StageEvents, Detail = _ => $"from {stager.Location(StagingTable.Events)}",
            },
            new(LoadSession.Run, StageNames.Of(LoadStage.StageSongs), stager.Plan(StagingTable.Songs),
                async (run, token) => run.Songs = await stager.LoadAsync(run.Connection, StagingTable.Songs, run.Staging, token))
            {
                Stage = LoadStage.StageSongs, Detail = _ => $"from {stager.Location(StagingTable.Songs)}",
            },
            new(LoadSession.Run, "bad records", [stager.KeepSkipped], (run, token) =>
            {
                run.Facts.SkippedRecords = run.BadRecords.Count;
                return stager.KeepSkippedAsync(run.Connection, run.Staging, token);
            }),
            new(LoadSession.Run, StageNames.Of(LoadStage.Transform),
            [
                .. upkeep.AfterStaging,
                .. TransformPlan.Statements.Select(s => s.Statement),
                .. upkeep.AfterTransforms,
                .. checks.Select(c => c.Statement),
                .. TransformPlan.Cleanup,
            ], async (run, token) =>
            {
                var runId = run.Scope!.RunId;
                await run.Connection.ExecuteAllAsync(upkeep.AfterStaging, run.Facts, token);
                run.TransformSteps = await new TransformRunner(run.Connection).RunAsync(TransformPlan.For(run.Facts), runId, run.Observer.TransformStepDone, token);
                await run.Connection.ExecuteAllAsync(upkeep.AfterTransforms, run.Facts, token);
                // Before commit: a broken invariant rolls the whole run back.
                await new DataCheckRunner(run.Connection).RunAsync(checks, run.Facts.FullCheck ? null : runId, token);
                await run.Connection.ExecuteAllAsync(TransformPlan.Cleanup, run.Facts, token);
            })
            {
                Stage = LoadStage.Transform, Detail = run => $"{TransformPlan.For(run.Facts).Count} statements, {checks.Count} checks",
            },
            new(LoadSession.Run, "finish", [.. TableCounts.Plan(engine), .. scope.Closing], async (run, token) =>
            {
                var staged = new StagedTables(run.Events!, run.Songs!);
                var counts = await TableCounts.AfterRunAsync(run.Connection, engine, staged, run.Facts, token);
                run.Result = new LoadResult([.. run.Stages], run.TransformSteps, counts, run.BadRecords.Count) { Staged = staged };
                await run.Scope!.CommitAsync(run.Result, run.Progress.Files, token);
            }),
            new(LoadSession.Lock, "finish", releaseLock, async (run, _) =>
            {
                if (run.Lock is { } held)
                    await held.DisposeAsync();
            }) { Phase = StepPhase.Finally },
            new(LoadSession.Run, "on failure", scope.Failing, async (run, _) =>
            {
                if (run.Scope is { } failed)
                    await failed.FailAsync(run.Failure!, run.Progress.Files, run.BadRecords.Count);
            }) { Phase = StepPhase.OnFailure, When = RunCondition.Only(f => f.Failed) },
        ];
    }

    /// <summary>Every migration at once, for an engine that has the script (<see cref="IWarehouseEngine.WholeMigrationScript"/>).</summary>
    private static PlannedStatement? WholeScript(IWarehouseEngine engine) => engine.WholeMigrationScript is { } script
        ? new("on a database with no migration applied yet: every migration at once, as Migrations/Scripts commits them (EF Core's script " +
              "of them, each in a transaction that ends by recording it in the history table)", script)
        : null;

    /// <summary>The read of the migration history; then, when it shows the database lacks every migration, the whole script where the
    /// engine has one; else, when it lacks any, what EF Core's migrator runs: its own bookkeeping, then the migrations the database lacks.</summary>
    private static IReadOnlyList<PlannedStatement> Migrations(IWarehouseEngine engine)
    {
        using var context = new SparkifyDbContext(engine.ContextOptions(NoConnection));
        return
        [
            MigrationHistory.Read(context),
            .. WholeScript(engine) is { } whole ? [whole] : Array.Empty<PlannedStatement>(),
            new("EF Core's migrator, when the history of applied migrations lacks one of this build but not all (or the engine has no whole " +
                "script): check that the database answers", "SELECT 1"),
            new("EF Core's migrator: create its history table when it is missing", context.GetService<IHistoryRepository>().GetCreateIfNotExistsScript()),
            new("EF Core's migrator: the migrations the database lacks, each in a transaction that first locks the history table and " +
                "reads which migrations are applied, and last records its own row", context.GetService<IMigrator>().GenerateScript())
            {
                Repeats = "once for each migration the database lacks, which EF Core's migrator finds; none when it lacks none",
            },
        ];
    }
}
