using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sparkify.Data;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>
/// Loads the warehouse on PostgreSQL: applies pending migrations, stages the raw JSON with binary
/// COPY, then runs the transform SQL, dimensions before the fact.
/// </summary>
/// <remarks>
/// Staging and transforms each run in one transaction: bad input rolls staging back before any
/// star table is touched, and a failing transform leaves every star table as it was.
/// </remarks>
public sealed class WarehouseLoader(string connectionString, ILoadObserver observer)
{
    public async Task<LoadResult> LoadAsync(LoadSource source, CancellationToken cancellationToken = default)
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
            await using var db = new SparkifyDbContext(SparkifyDbContextOptions.ForPostgres(connectionString));
            await db.Database.MigrateAsync(cancellationToken);
            return 0;
        });

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        var logFiles = InputFiles.Find(source.LogData, "[S3] LOG_DATA");
        var songFiles = InputFiles.Find(source.SongData, "[S3] SONG_DATA");
        await using (var staging = await connection.BeginTransactionAsync(cancellationToken))
        {
            var stager = new PostgresStager(connection);
            await Timed(LoadStage.StageEvents, $"{logFiles.Count} files from {source.LogData}",
                () => stager.LoadAsync(StagingTable.Events, logFiles, new SynchronousProgress(observer), cancellationToken));
            await Timed(LoadStage.StageSongs, $"{songFiles.Count} files from {source.SongData}",
                () => stager.LoadAsync(StagingTable.Songs, songFiles, new SynchronousProgress(observer), cancellationToken));
            await staging.CommitAsync(cancellationToken);
        }

        var steps = await Timed(LoadStage.Transform, $"{SqlScripts.Transforms.Count} statements", async () =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await new TransformRunner(connection).RunAsync(SqlScripts.Transforms, observer.TransformStepDone, cancellationToken);
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
