using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Server;

namespace Sparkify.Loader.Loading;

/// <summary>
/// A run on PostgreSQL, which the advisory lock of <see cref="PostgresLoadLock"/> (taken before the migrations)
/// already keeps the only one. The run's row in load_runs is started outside its transaction, so a run in
/// progress shows as running and one that died is found abandoned by the next; it is finished inside the
/// transaction, just before COMMIT, so the data and the record of it commit together: a run marked running never
/// committed anything, and one marked succeeded did.
/// </summary>
public sealed class PostgresLoadRunScope : ILoadRunScope
{
    private readonly NpgsqlConnection _connection;
    private readonly LoadRunLog _log;

    private PostgresLoadRunScope(NpgsqlConnection connection, LoadRunLog log) => (_connection, _log) = (connection, log);

    public static RunScopePlan Plan { get; } = new(
        Opening: [LoadRunLog.Abandon, LoadRunLog.Start, LoadRunLog.Id, RunTransaction.Begin],
        Closing: [LoadRunLog.Finish, RunTransaction.Commit],
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
        await _log.SucceededAsync(result, files, cancellationToken);
        await _connection.ExecuteAsync(RunTransaction.Commit, cancellationToken);
    }

    /// <remarks>
    /// The run's own connection may be unable to record the failure: broken, or still in a transaction whose ROLLBACK a cancel
    /// request meant for the interrupted statement arrived too late for, and cancelled instead. Closing it ends that transaction
    /// on the server (releasing the run's row), and a new connection records the failure, so a failed run is never left running.
    /// </remarks>
    public async Task FailAsync(Exception failure, int? files, int badRecords)
    {
        if (await BestEffort.RunAsync(() => _connection.ExecuteAsync(RunTransaction.Rollback, CancellationToken.None))
            && await BestEffort.RunAsync(() => _log.FailedAsync(failure, files, badRecords)))
            return;
        await BestEffort.RunAsync(async () =>
        {
            await using var fresh = UnpooledSession.Clone(_connection);
            await _connection.CloseAsync();
            await fresh.OpenAsync();
            await _log.On(fresh).FailedAsync(failure, files, badRecords);
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
