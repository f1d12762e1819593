namespace Sparkify.Tests.Infrastructure;

/// <summary>Runs the loader the way the command line does, minus the console.</summary>
public static class Warehouse
{
    public static Task<LoadResult> LoadAsync(TestDatabase database, string dataFolder, int maxErrors = 0, bool fullReload = false,
        bool fullCheck = false) =>
        new WarehouseLoader(new PostgresEngine(InputSources.Local(Path.Combine(dataFolder, "song_data"), Path.Combine(dataFolder, "log_data"))),
                database.ConnectionString, new SilentObserver())
            {
                MaxErrors = maxErrors, FullReload = fullReload, FullCheck = fullCheck,
            }
            .LoadAsync();
}
