using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Sparkify.Data;

namespace Sparkify.Loader.Loading;

/// <summary>The EF model of the warehouse, for what the loader derives from it (checks, upkeep) rather than restating.</summary>
public static class WarehouseModel
{
    /// <summary>The design-time model: it keeps every annotation, which the runtime model may drop.</summary>
    public static IModel Instance { get; } = Build();

    private static IModel Build()
    {
        // The model is the same whatever the engine; building it needs a connection string, never a connection.
        using var context = new SparkifyDbContext(SparkifyDbContextOptions.ForPostgres("Host=model.invalid"));
        return context.GetService<IDesignTimeModel>().Model;
    }
}
