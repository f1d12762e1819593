using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Sparkify.Data;

namespace Sparkify.Loader.Model;

/// <summary>The EF model of the warehouse, for what the loader derives from it (checks, upkeep) rather than restating.</summary>
/// <remarks>Callers keep what they derive, not the model: it is built when needed and left to the garbage collector.</remarks>
public static class WarehouseModel
{
    /// <summary>The design-time model: it keeps every annotation, which the runtime model may drop.</summary>
    public static T Derive<T>(Func<IModel, T> derive)
    {
        // The model is the same whatever the engine; building it needs a connection string, never a connection.
        using var context = new SparkifyDbContext(SparkifyDbContextOptions.ForPostgres("Host=model.invalid"));
        return derive(context.GetService<IDesignTimeModel>().Model);
    }
}
