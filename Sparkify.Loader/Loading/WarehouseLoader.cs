using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sparkify.Data;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>
/// Loads the warehouse: applies pending migrations, stages the raw JSON through the engine's stager, then
/// transforms what this run staged into the star tables and checks them. The same steps on every engine, each
/// engine's part asked of <see cref="IWarehouseEngine"/>.
/// </summary>
/// <remarks>
/// Staging, transforms and data checks run in one transaction (<see cref="ILoadRunScope"/>): bad input, a failing
/// transform or check, or a killed process leaves every table as it was before the run.
/// </remarks>
public sealed class WarehouseLoader(IWarehouseEngine engine, string connectionString, ILoadObserver observer)
{
    /// <summary>How long a load waits for another one against the same database to finish.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many bad input records the run may skip (into <c>load_errors</c>); 0 means none.</summary>
    public int MaxErrors { get; init; }

    /// <summary>Empty staging and forget the ledger, staging every file again and rebuilding the star tables from it.</summary>
    public bool FullReload { get; init; }

    /// <summary>Check every row of the star tables, not only the rows this run wrote (always so after a full reload).</summary>
    public bool FullCheck { get; init; }

    /// <summary>What the run accepts as input besides well-formed records: other files beside it, plausible event times.</summary>
    public InputPolicy Policy { get; init; } = InputPolicy.Default;

    public async Task<LoadResult> LoadAsync(CancellationToken cancellationToken = default)
    {
        await engine.EnsureDatabaseAsync(connectionString, cancellationToken);
        await using var loadLock = await engine.LockAsync(connectionString, LockWait, observer.Waiting, cancellationToken);
        var (stager, checks, upkeep) = (engine.Stager, engine.Checks, engine.Upkeep);
        var stages = new List<(LoadStage, TimeSpan)>();

        async Task<T> Timed<T>(LoadStage stage, string detail, Func<Task<T>> work)
        {
            observer.StageStarted(stage, detail);
            var clock = Stopwatch.StartNew();
            var result = await work();
            stages.Add((stage, clock.Elapsed));
            observer.StageFinished(stage, clock.Elapsed);
            return result;
        }

        await Timed(LoadStage.Schema, "applying migrations", async () =>
        {
            await using var db = new SparkifyDbContext(engine.ContextOptions(LoadSessions.ConnectionString(connectionString, LoadSession.Migrations)));
            await db.Database.MigrateAsync(cancellationToken);
            return 0;
        });

        await using var connection = new NpgsqlConnection(LoadSessions.ConnectionString(connectionString, LoadSession.Run));
        await connection.OpenAsync(cancellationToken);
        await using var scope = await engine.BeginRunAsync(connection, stager.Source, LockWait, observer.Waiting, cancellationToken);
        var progress = new SynchronousProgress(observer);
        var badRecords = new BadRecords(MaxErrors);
        var run = new StagingRun(scope.RunId, badRecords, progress, FullReload) { Selected = observer.StagingSelected, Policy = Policy };
        try
        {
            await connection.ExecuteAllAsync(upkeep.BeforeStaging, cancellationToken);
            var events = await Timed(LoadStage.StageEvents, $"from {stager.Location(StagingTable.Events)}",
                () => stager.LoadAsync(connection, StagingTable.Events, run, cancellationToken));
            var songs = await Timed(LoadStage.StageSongs, $"from {stager.Location(StagingTable.Songs)}",
                () => stager.LoadAsync(connection, StagingTable.Songs, run, cancellationToken));
            var staged = new StagedTables(events, songs);
            await stager.KeepSkippedAsync(connection, run, cancellationToken);

            var transforms = TransformPlan.For(staged);
            var steps = await Timed(LoadStage.Transform, $"{transforms.Count} statements, {checks.Count} checks", async () =>
            {
                await connection.ExecuteAllAsync(upkeep.AfterStaging(staged), cancellationToken);
                var result = await new TransformRunner(connection).RunAsync(transforms, scope.RunId, observer.TransformStepDone, cancellationToken);
                await connection.ExecuteAllAsync(upkeep.AfterTransforms(staged), cancellationToken);
                // Before commit: a broken invariant rolls the whole run back.
                await new DataCheckRunner(connection).RunAsync(checks, FullCheck || FullReload ? null : scope.RunId, cancellationToken);
                await connection.ExecuteAllAsync(TransformPlan.Cleanup, cancellationToken);
                return result;
            });

            var counts = await TableCounts.AfterRunAsync(connection, staged, cancellationToken);
            var loaded = new LoadResult(stages, steps, counts, badRecords.Count) { Staged = staged };
            await scope.CommitAsync(loaded, progress.Files, cancellationToken);
            return loaded;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await scope.FailAsync(e, progress.Files, badRecords.Count);
            throw;
        }
    }

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool; counts files per table.</summary>
    private sealed class SynchronousProgress(ILoadObserver observer) : IProgress<StagingProgress>
    {
        private readonly Dictionary<string, int> _files = [];

        public int Files => _files.Values.Sum();

        public void Report(StagingProgress value)
        {
            _files[value.Table] = value.FilesDone;
            observer.StagingProgressed(value);
        }
    }
}
