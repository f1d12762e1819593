using Npgsql;

namespace Sparkify.Loader.Loading;

/// <summary>
/// A run on PostgreSQL, which the advisory lock of <see cref="PostgresLoadLock"/> (taken before the migrations)
/// already keeps the only one. The run's row in load_runs is written outside its transaction, so a run in
/// progress shows as running and one that died is found abandoned by the next.
/// </summary>
public sealed class PostgresLoadRunScope : ILoadRunScope
{
    private readonly LoadRunLog _log;
    private readonly NpgsqlTransaction _transaction;

    private PostgresLoadRunScope(LoadRunLog log, NpgsqlTransaction transaction) => (_log, _transaction) = (log, transaction);

    public long RunId => _log.RunId;

    public static async Task<PostgresLoadRunScope> BeginAsync(NpgsqlConnection connection, string source, CancellationToken cancellationToken)
    {
        var log = new LoadRunLog(connection);
        await log.StartAsync(source, cancellationToken);
        return new PostgresLoadRunScope(log, await connection.BeginTransactionAsync(cancellationToken));
    }

    public async Task CommitAsync(LoadResult result, int files, CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        await _log.SucceededAsync(result, files, cancellationToken);
    }

    public async Task FailAsync(Exception error, int? files, int badRecords)
    {
        await LoadRunScopes.BestEffortAsync(() => _transaction.RollbackAsync());
        await LoadRunScopes.BestEffortAsync(() => _log.FailedAsync(error, files, badRecords));
    }

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();
}
