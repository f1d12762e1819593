using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// The model as the configuration classes build it, with EF Core's and Npgsql's design-time annotations (an index's method,
/// a column's collation) that the compiled model the loader runs on leaves out: what the migrations were made from.
/// </summary>
public static class DesignTimeModel
{
    /// <summary>The model needs a connection string, never a connection.</summary>
    private const string NoConnection = "Host=model.invalid";

    public static IModel Of(DatabaseEngine engine = DatabaseEngine.Postgres)
    {
        using var context = new SparkifyDbContext(engine == DatabaseEngine.Redshift
            ? SparkifyDbContextOptions.ForRedshift(NoConnection)
            : SparkifyDbContextOptions.ForPostgres(NoConnection));
        return context.GetService<IDesignTimeModel>().Model;
    }
}
