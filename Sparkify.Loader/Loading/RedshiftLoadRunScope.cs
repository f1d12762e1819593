using System.Diagnostics;
using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Server;

namespace Sparkify.Loader.Loading;

/// <summary>
/// A run on Redshift, which has no advisory locks: the whole run is one transaction that begins with a LOCK on
/// the ledger (<c>04_lock_ledger.sql</c>), so a second run waits for the first to commit or roll back. Its row in
/// load_runs is written inside that transaction; a failed run is recorded afterwards as a row of its own.
/// </summary>
/// <remarks>Nothing here is Redshift-only SQL: the same statements serialise runs on PostgreSQL, where a test proves the waiting.</remarks>
public sealed class RedshiftLoadRunScope : ILoadRunScope
{
    /// <summary>How long the LOCK may wait before the loader says it is waiting.</summary>
    private static readonly TimeSpan QuietWait = TimeSpan.FromSeconds(2);

    private readonly NpgsqlConnection _connection;
    private readonly LoadRunLog _log;

    private RedshiftLoadRunScope(NpgsqlConnection connection, LoadRunLog log) => (_connection, _log) = (connection, log);

    public static RunScopePlan Plan { get; } = new(
        Opening: [RunTransaction.Begin, LoadRunLog.LockLedger, LoadRunLog.Abandon, LoadRunLog.Start, LoadRunLog.Id],
        Closing: [LoadRunLog.Finish, RunTransaction.Commit],
        Failing: [RunTransaction.Rollback, LoadRunLog.Failed]);

    public long RunId => _log.RunId;

    public static async Task<RedshiftLoadRunScope> BeginAsync(NpgsqlConnection connection, string source, TimeSpan lockWait, Action<string> onWaiting,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(RunTransaction.Begin, cancellationToken);
        try
        {
            await LockAsync(connection, lockWait, onWaiting, cancellationToken);
            var log = new LoadRunLog(connection);
            await log.StartAsync(source, cancellationToken);
            return new RedshiftLoadRunScope(connection, log);
        }
        catch
        {
            await BestEffort.RunAsync(() => connection.ExecuteAsync(RunTransaction.Rollback, CancellationToken.None));
            throw;
        }
    }

    private static async Task LockAsync(NpgsqlConnection connection, TimeSpan lockWait, Action<string> onWaiting, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(LoadRunLog.LockLedger);
        command.CommandTimeout = (int)Math.Ceiling(lockWait.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var locking = command.ExecuteNonQueryAsync(cancellationToken);
        if (await Task.WhenAny(locking, Task.Delay(QuietWait, cancellationToken)) != locking)
            onWaiting($"Another load holds the ledger of database {connection.Database}; waiting up to {lockWait.TotalSeconds:N0} s for it to finish.");
        try
        {
            await locking;
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException || clock.Elapsed >= lockWait)
        {
            throw new LoadLockedException(
                $"Another load is running against database {connection.Database}; it did not finish within {lockWait.TotalSeconds:N0} s. " +
                "Try again when it has finished, or wait longer with --lock-timeout SECONDS.");
        }
    }

    public async Task CommitAsync(LoadResult result, int files, CancellationToken cancellationToken)
    {
        await _log.SucceededAsync(result, files, cancellationToken);
        await _connection.ExecuteAsync(RunTransaction.Commit, cancellationToken);
    }

    /// <remarks>
    /// Npgsql closes the connection on an XX000 error, which is how Redshift reports a failed COPY; the cluster then rolls the run's
    /// transaction back itself, and the failure is recorded through a new connection.
    /// </remarks>
    public async Task FailAsync(Exception failure, int? files, int badRecords)
    {
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            await BestEffort.RunAsync(() => _connection.ExecuteAsync(RunTransaction.Rollback, CancellationToken.None));
            await BestEffort.RunAsync(() => _log.RecordFailureAsync(failure, files, badRecords));
            return;
        }
        await BestEffort.RunAsync(async () =>
        {
            await using var fresh = UnpooledSession.Clone(_connection);
            await fresh.OpenAsync();
            await _log.On(fresh).RecordFailureAsync(failure, files, badRecords);
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
