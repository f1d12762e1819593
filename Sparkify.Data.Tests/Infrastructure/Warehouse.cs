using Sparkify.Loader.Loading;

namespace Sparkify.Data.Tests.Infrastructure;

/// <summary>Runs the loader the way the command line does, minus the console.</summary>
public static class Warehouse
{
    public static Task<LoadResult> LoadAsync(TestDatabase database, string dataFolder) =>
        new WarehouseLoader(database.ConnectionString, new SilentObserver())
            .LoadAsync(new LoadSource(Path.Combine(dataFolder, "song_data"), Path.Combine(dataFolder, "log_data")));
}
