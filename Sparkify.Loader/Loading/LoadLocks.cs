using Sparkify.Data.Settings;
using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Loading;

/// <summary>What keeps loads against one database from interleaving before a run's transaction begins, per engine.</summary>
/// <remarks>
/// On PostgreSQL, a session-level advisory lock taken before the migrations and held to the end. On Redshift, which
/// has no advisory locks, nothing here: its run's transaction begins with a LOCK (<see cref="RedshiftLoadRunScope"/>).
/// </remarks>
public static class LoadLocks
{
    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseEngine engine, string connectionString, TimeSpan wait,
        Action<string> onWaiting, CancellationToken cancellationToken) => engine switch
    {
        DatabaseEngine.Postgres => await PostgresLoadLock.AcquireAsync(connectionString, wait, onWaiting, cancellationToken),
        _ => NoLock.Instance,
    };

    /// <summary>The lock session's statements for the plan: those that take the lock before the run, and those that release it after.</summary>
    public static (IReadOnlyList<PlannedStatement> Taking, IReadOnlyList<PlannedStatement> Releasing) PlanFor(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Postgres => ([PostgresLoadLock.TryLock, PostgresLoadLock.Holder], [PostgresLoadLock.Unlock]),
        _ => ([], []),
    };

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
