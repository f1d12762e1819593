using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sparkify.Data;
using Sparkify.Data.Settings;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>
/// Loads the warehouse: applies pending migrations, stages the raw JSON through the engine's stager,
/// then runs the transform SQL, dimensions before the fact. The same steps on both engines.
/// </summary>
/// <remarks>
/// Staging, transforms and data checks run in one transaction: bad input, a failing transform or
/// check, or a killed process leaves every table as it was before the run.
/// </remarks>
public sealed class WarehouseLoader(DatabaseEngine engine, string connectionString, ILoadObserver observer)
{
    /// <summary>How long a load waits for another one against the same database to finish.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many bad input records the run may skip (into <c>load_errors</c>); 0 means none.</summary>
    public int MaxErrors { get; init; }

    /// <summary>Empty staging and forget the ledger of loaded files, instead of adding only new files.</summary>
    public bool FullReload { get; init; }

    public async Task<LoadResult> LoadAsync(IStager stager, CancellationToken cancellationToken = default)
    {
        await using var loadLock = await LoadLocks.AcquireAsync(engine, connectionString, LockWait, observer.Waiting, cancellationToken);
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
            await using var db = new SparkifyDbContext(SparkifyDbContextOptions.For(engine, connectionString));
            await db.Database.MigrateAsync(cancellationToken);
            return 0;
        });

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var log = new LoadRunLog(connection);
        await log.StartAsync(stager.Source, cancellationToken);
        var progress = new SynchronousProgress(observer);
        var badRecords = new BadRecords(MaxErrors);
        var run = new StagingRun(log.RunId, badRecords, progress, FullReload);
        try
        {
            // One transaction for staging, transforms and checks: a run that fails or is killed at any
            // point leaves every table as it was (on Redshift too, as staging is emptied with DELETE).
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var (stage, table) in new[] { (LoadStage.StageEvents, StagingTable.Events), (LoadStage.StageSongs, StagingTable.Songs) })
                await Timed(stage, stager.Plan(table)[^1].Name, () => stager.LoadAsync(connection, table, run, cancellationToken));
            await LoadErrorWriter.WriteAsync(connection, log.RunId, badRecords, cancellationToken);

            var steps = await Timed(LoadStage.Transform, $"{SqlScripts.Transforms.Count} statements, {SqlScripts.Checks.Count} checks", async () =>
            {
                foreach (var statement in stager.BeforeTransforms)
                {
                    await using var command = new NpgsqlCommand(statement.Sql, connection);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                var result = await new TransformRunner(connection).RunAsync(SqlScripts.Transforms, observer.TransformStepDone, cancellationToken);
                // Before commit: a broken invariant rolls the whole run back.
                await new DataCheckRunner(connection).RunAsync(SqlScripts.Checks, cancellationToken);
                return result;
            });
            await transaction.CommitAsync(cancellationToken);

            var loaded = new LoadResult(stages, steps, await CountRowsAsync(connection, cancellationToken), badRecords.Count);
            await log.SucceededAsync(loaded, progress.Files, cancellationToken);
            return loaded;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordFailureAsync(log, e, progress.Files, badRecords.Count);
            throw;
        }
    }

    /// <summary>Best effort: if the database itself is gone, the original error is the one worth showing.</summary>
    private static async Task RecordFailureAsync(LoadRunLog log, Exception error, int files, int badRecords)
    {
        try
        {
            await log.FailedAsync(error, files, badRecords);
        }
        catch (NpgsqlException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static async Task<IReadOnlyList<(string, long)>> CountRowsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var counts = new List<(string, long)>();
        foreach (var table in WarehouseTables.All)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table}", connection);
            counts.Add((table, (long)(await count.ExecuteScalarAsync(cancellationToken))!));
        }
        return counts;
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
