using Sparkify.Data.Settings;
using Sparkify.Loader.Loading;

namespace Sparkify.Loader.Upkeep;

/// <summary>The one place that picks an engine's upkeep.</summary>
public static class EngineUpkeep
{
    public static IEngineUpkeep For(DatabaseEngine engine) =>
        engine == DatabaseEngine.Redshift ? new NoUpkeep() : new PostgresUpkeep(WarehouseModel.Instance);
}
