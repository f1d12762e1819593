using Microsoft.EntityFrameworkCore;

namespace Sparkify.Data;

/// <summary>The one place that says how a <see cref="SparkifyDbContext"/> talks to its database.</summary>
public static class SparkifyDbContextOptions
{
    /// <summary>The assembly that holds the EF Core migrations (the <c>Migrations/</c> project).</summary>
    public const string MigrationsAssembly = "Sparkify.Migrations";

    public static DbContextOptions<SparkifyDbContext> ForPostgres(string connectionString) =>
        new DbContextOptionsBuilder<SparkifyDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention()
            .Options;
}
