using Microsoft.EntityFrameworkCore.Design;
using Npgsql;
using Sparkify.Data;
using Sparkify.Data.Settings;

namespace Sparkify.Migrations;

/// <summary>Lets <c>dotnet ef</c> build the context from dwh.cfg (found as <see cref="DwhConfig.Locate"/> says).</summary>
/// <remarks>
/// The engine comes from <c>[CLUSTER] ENGINE</c>: with redshift, <c>dotnet ef migrations script</c> prints
/// Redshift DDL (and connects to nothing). With HOST empty, the target is the loader's embedded server,
/// whose port is read from its postmaster.pid. The password may come from SPARKIFY_DB_PASSWORD.
/// </remarks>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SparkifyDbContext>
{
    public SparkifyDbContext CreateDbContext(string[] args)
    {
        var config = DwhConfig.Load(DwhConfig.Locate()).PrintWarnings();
        return new SparkifyDbContext(SparkifyDbContextOptions.For(config.Engine, ConnectionString(config)));
    }

    private static string ConnectionString(DwhConfig config)
    {
        if (!config.UsesEmbeddedServer)
            return config.ConnectionString();

        var port = PostmasterPid.ReadPort(Path.Combine(config.EmbeddedDataRoot, "pgdata"));
        if (port is null)
            Console.Error.WriteLine(
                $"{config.Path}: [CLUSTER] HOST is empty and the embedded server is not running; commands that connect will fail. " +
                "Start it with: dotnet run --project Sparkify.Loader -- server start");
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port ?? 5432,
            Database = config.Database,
            Username = "postgres",
        }.ConnectionString;
    }
}
