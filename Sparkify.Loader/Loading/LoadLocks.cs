using Sparkify.Data.Settings;

namespace Sparkify.Loader.Loading;

/// <summary>The one place that decides how loads against one database are kept from interleaving, per engine.</summary>
public static class LoadLocks
{
    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseEngine engine, string connectionString, TimeSpan wait,
        Action<string> onWaiting, CancellationToken cancellationToken) => engine switch
    {
        DatabaseEngine.Postgres => await PostgresLoadLock.AcquireAsync(connectionString, wait, onWaiting, cancellationToken),
        // Redshift has no advisory locks, and its LOCK lasts one transaction while a load spans two;
        // runs against a cluster are not serialised (README, "Redshift").
        _ => NoLock.Instance,
    };

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
