using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Sparkify.Data;
using Sparkify.Data.Settings;

namespace Sparkify.Migrations;

/// <summary>Lets <c>dotnet ef</c> build the context from dwh.cfg (found as <see cref="DwhConfig.Locate"/> says).</summary>
/// <remarks>
/// The engine comes from <c>[CLUSTER] ENGINE</c>: with redshift, <c>dotnet ef migrations script</c> prints Redshift DDL
/// (and connects to nothing). With HOST empty, the target is the loader's embedded server, found or started as the
/// loader does it, when a command first connects (<see cref="EmbeddedServerStarter"/>). The password may come from
/// SPARKIFY_DB_PASSWORD.
/// </remarks>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SparkifyDbContext>
{
    public SparkifyDbContext CreateDbContext(string[] args)
    {
        var config = DwhConfig.Load(DwhConfig.Locate()).PrintWarnings();
        if (!config.UsesEmbeddedServer)
            return new SparkifyDbContext(SparkifyDbContextOptions.For(config.Engine, config.ConnectionString()));
        var starter = new EmbeddedServerStarter(config);
        var options = new DbContextOptionsBuilder<SparkifyDbContext>(SparkifyDbContextOptions.For(config.Engine, starter.Placeholder))
            .AddInterceptors(starter)
            .Options;
        return new SparkifyDbContext(options);
    }
}
