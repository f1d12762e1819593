using System.Diagnostics;
using Npgsql;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>
/// A run on Redshift, which has no advisory locks: the whole run is one transaction that begins with a LOCK on
/// the ledger (<c>01_lock_ledger.sql</c>), so a second run waits for the first to commit or roll back. Its row in
/// load_runs is written inside that transaction; a failed run is recorded afterwards as a row of its own.
/// </summary>
/// <remarks>Nothing here is Redshift-only SQL: the same statements serialise runs on PostgreSQL, where a test proves the waiting.</remarks>
public sealed class RedshiftLoadRunScope : ILoadRunScope
{
    /// <summary>How long the LOCK may wait before the loader says it is waiting.</summary>
    private static readonly TimeSpan QuietWait = TimeSpan.FromSeconds(2);

    private readonly LoadRunLog _log;
    private readonly NpgsqlTransaction _transaction;

    private RedshiftLoadRunScope(LoadRunLog log, NpgsqlTransaction transaction) => (_log, _transaction) = (log, transaction);

    public long RunId => _log.RunId;

    /// <summary>The statements that open a run, in order, before its staging: for the plan and for tests of their order.</summary>
    public static IReadOnlyList<string> OpeningStatements { get; } =
    [
        "begin",
        .. new[] { "01_lock_ledger.sql", "02_load_run_abandon.sql", "03_load_run_start.sql", "04_load_run_id.sql" }
            .Select(name => SqlScripts.LoadRuns.Single(s => s.Name == name).Sql),
    ];

    public static async Task<RedshiftLoadRunScope> BeginAsync(NpgsqlConnection connection, string source, TimeSpan lockWait, Action<string> onWaiting,
        CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await LockAsync(connection, lockWait, onWaiting, cancellationToken);
            var log = new LoadRunLog(connection);
            await log.StartAsync(source, cancellationToken);
            return new RedshiftLoadRunScope(log, transaction);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private static async Task LockAsync(NpgsqlConnection connection, TimeSpan lockWait, Action<string> onWaiting, CancellationToken cancellationToken)
    {
        var sql = SqlScripts.LoadRuns.Single(s => s.Name == "01_lock_ledger.sql").Sql;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = (int)Math.Ceiling(lockWait.TotalSeconds) };
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
        await _transaction.CommitAsync(cancellationToken);
    }

    public async Task FailAsync(Exception error, int? files, int badRecords)
    {
        await LoadRunScopes.BestEffortAsync(() => _transaction.RollbackAsync());
        await LoadRunScopes.BestEffortAsync(() => _log.RecordFailureAsync(error, files, badRecords));
    }

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();
}
