using Npgsql;
using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Loading;

/// <summary>
/// A run on PostgreSQL, which the advisory lock of <see cref="PostgresLoadLock"/> (taken before the migrations)
/// already keeps the only one. The run's row in load_runs is written outside its transaction, so a run in
/// progress shows as running and one that died is found abandoned by the next.
/// </summary>
public sealed class PostgresLoadRunScope : ILoadRunScope
{
    private readonly NpgsqlConnection _connection;
    private readonly LoadRunLog _log;

    private PostgresLoadRunScope(NpgsqlConnection connection, LoadRunLog log) => (_connection, _log) = (connection, log);

    public static RunScopePlan Plan { get; } = new(
        Opening: [LoadRunLog.Abandon, LoadRunLog.Start, LoadRunLog.Id, RunTransaction.Begin],
        Closing: [RunTransaction.Commit, LoadRunLog.Finish],
        Failing: [RunTransaction.Rollback, LoadRunLog.Finish]);

    public long RunId => _log.RunId;

    public static async Task<PostgresLoadRunScope> BeginAsync(NpgsqlConnection connection, string source, CancellationToken cancellationToken)
    {
        var log = new LoadRunLog(connection);
        await log.StartAsync(source, cancellationToken);
        await connection.ExecuteAsync(RunTransaction.Begin, cancellationToken);
        return new PostgresLoadRunScope(connection, log);
    }

    public async Task CommitAsync(LoadResult result, int files, CancellationToken cancellationToken)
    {
        await _connection.ExecuteAsync(RunTransaction.Commit, cancellationToken);
        await _log.SucceededAsync(result, files, cancellationToken);
    }

    public async Task FailAsync(Exception failure, int? files, int badRecords)
    {
        await BestEffort.RunAsync(() => _connection.ExecuteAsync(RunTransaction.Rollback, CancellationToken.None));
        await BestEffort.RunAsync(() => _log.FailedAsync(failure, files, badRecords));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
