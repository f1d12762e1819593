using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Sparkify.Data.Postgres;
using Sparkify.Data.Redshift;

namespace Sparkify.Data;

/// <summary>The one place that says how a <see cref="SparkifyDbContext"/> talks to its database, for each engine.</summary>
public static class SparkifyDbContextOptions
{
    /// <summary>The assembly that holds the EF Core migrations (the <c>Migrations/</c> project).</summary>
    public const string MigrationsAssembly = "Sparkify.Migrations";

    public static DbContextOptions<SparkifyDbContext> ForPostgres(string connectionString) => For(redshift: false, connectionString);

    public static DbContextOptions<SparkifyDbContext> ForRedshift(string connectionString) => For(redshift: true, connectionString);

    /// <summary>
    /// Npgsql for both engines; on Redshift with Npgsql's Redshift compatibility mode and the Redshift
    /// DDL generator and history table, on PostgreSQL with a generator that leaves out the foreign keys the
    /// loader checks itself. The annotation provider is shared, so both engines see one model.
    /// </summary>
    private static DbContextOptions<SparkifyDbContext> For(bool redshift, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SparkifyDbContext>()
            .UseNpgsql(connectionString, npgsql =>
            {
                npgsql.MigrationsAssembly(MigrationsAssembly);
                if (redshift)
                    npgsql.UseRedshift();
            })
            .UseSnakeCaseNamingConvention()
            // The migrator otherwise builds the design-time model and diffs it with the snapshot before every migration
            // run, a fifth of a second of a fresh load; a test (MigrationTests) holds the model to the snapshot instead.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning))
            .ReplaceService<IRelationalAnnotationProvider, SparkifyAnnotationProvider>();
        if (redshift)
            builder
                .ReplaceService<IMigrationsSqlGenerator, RedshiftMigrationsSqlGenerator>()
                .ReplaceService<IHistoryRepository, RedshiftHistoryRepository>();
        else
            builder.ReplaceService<IMigrationsSqlGenerator, PostgresMigrationsSqlGenerator>();
        return builder.Options;
    }
}
