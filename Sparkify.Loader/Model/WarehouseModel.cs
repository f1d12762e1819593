using Microsoft.EntityFrameworkCore.Metadata;
using Sparkify.Data;

namespace Sparkify.Loader.Model;

/// <summary>The EF model of the warehouse, for what the loader derives from it (checks, upkeep) rather than restating.</summary>
/// <remarks>
/// The compiled model (Sparkify.Data/Compiled), so a run never builds the model: it keeps every annotation of this project's own,
/// but not EF Core's and Npgsql's design-time ones (an index's method, a column's collation), which the loader must not read
/// (CompiledModelTests holds the two models to the same tables and annotations). Callers keep what they derive, not the model.
/// </remarks>
public static class WarehouseModel
{
    public static T Derive<T>(Func<IModel, T> derive)
    {
        // The model is the same whatever the engine; it needs a connection string, never a connection.
        using var context = new SparkifyDbContext(SparkifyDbContextOptions.ForPostgres("Host=model.invalid"));
        return derive(context.Model);
    }
}
