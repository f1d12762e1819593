using Sparkify.Data.Settings;
using Sparkify.Loader.Loading;

namespace Sparkify.Loader.Upkeep;

/// <summary>The one place that picks an engine's upkeep.</summary>
public static class EngineUpkeep
{
    private static readonly Lazy<PostgresUpkeep> Postgres = new(() => new PostgresUpkeep(WarehouseModel.Derive(PostgresUpkeep.BrinIndexes)));

    public static IEngineUpkeep For(DatabaseEngine engine) => engine == DatabaseEngine.Redshift ? new NoUpkeep() : Postgres.Value;
}
