using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Sparkify.Data;
using Sparkify.Settings;

namespace Sparkify.Migrations;

/// <summary>Lets <c>dotnet ef</c> build the context from dwh.cfg (found as <see cref="DwhConfig.Locate"/> says).</summary>
/// <remarks>
/// The engine comes from <c>[CLUSTER] ENGINE</c>: with redshift, <c>dotnet ef migrations script</c> prints Redshift DDL
/// (and connects to nothing). With HOST empty, the target is the loader's embedded server, found or started as the
/// loader does it, when a command first connects (<see cref="EmbeddedServerStarter"/>). The password may come from
/// SPARKIFY_DB_PASSWORD. Failures people can fix are one line (<see cref="DesignTimeFailures"/>).
/// </remarks>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SparkifyDbContext>
{
    public SparkifyDbContext CreateDbContext(string[] args)
    {
        DwhConfig config;
        try
        {
            config = DwhConfig.Load(DwhConfig.Locate()).PrintWarnings();
        }
        catch (ConfigurationException e)
        {
            throw new OperationException($"error (configuration): {e.Message}", e);
        }
        var starter = config.UsesEmbeddedServer ? new EmbeddedServerStarter(config) : null;
        var builder = new DbContextOptionsBuilder<SparkifyDbContext>(
                config.Engine == DatabaseEngine.Redshift
                    ? SparkifyDbContextOptions.ForRedshift(starter?.Placeholder ?? config.ConnectionString())
                    : SparkifyDbContextOptions.ForPostgres(starter?.Placeholder ?? config.ConnectionString()))
            // EF logs a failed connection as an error before any interceptor sees it; the one line says it better, and
            // --verbose (which shows debug messages) still has EF's. Its "Acquiring an exclusive lock" comes once per
            // migration and says nothing while the lock is free; --verbose still shows it too.
            .ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.AcquiringMigrationLock, LogLevel.Debug)))
            .AddInterceptors(new DesignTimeFailures());
        if (config.Engine == DatabaseEngine.Postgres)
            builder.AddInterceptors(new MissingHistoryTable());
        if (starter is not null)
            builder.AddInterceptors(starter);
        return new SparkifyDbContext(builder.Options);
    }
}
