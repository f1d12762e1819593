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
/// Staging and transforms each run in one transaction: bad input rolls staging back before any
/// star table is touched, and a failing transform or data check leaves every star table as it was.
/// </remarks>
public sealed class WarehouseLoader(DatabaseEngine engine, string connectionString, ILoadObserver observer)
{
    public async Task<LoadResult> LoadAsync(IStager stager, CancellationToken cancellationToken = default)
    {
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

        await using (var staging = await connection.BeginTransactionAsync(cancellationToken))
        {
            var progress = new SynchronousProgress(observer);
            foreach (var (stage, table) in new[] { (LoadStage.StageEvents, StagingTable.Events), (LoadStage.StageSongs, StagingTable.Songs) })
                await Timed(stage, stager.Plan(table)[^1].Name, () => stager.LoadAsync(connection, table, progress, cancellationToken));
            await staging.CommitAsync(cancellationToken);
        }

        var steps = await Timed(LoadStage.Transform, $"{SqlScripts.Transforms.Count} statements", async () =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await new TransformRunner(connection).RunAsync(SqlScripts.Transforms, observer.TransformStepDone, cancellationToken);
            // Before commit: a broken invariant rolls the whole transform back.
            await new DataCheckRunner(connection).RunAsync(SqlScripts.Checks, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });

        return new LoadResult(stages, steps, await CountRowsAsync(connection, cancellationToken));
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

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class SynchronousProgress(ILoadObserver observer) : IProgress<StagingProgress>
    {
        public void Report(StagingProgress value) => observer.StagingProgressed(value);
    }
}
