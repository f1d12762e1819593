using Sparkify.Settings;

namespace Sparkify.Server;

/// <summary>
/// The one policy that picks the server the warehouse lives in, for the loader, <c>dotnet ef</c> and the tests alike:
/// <c>[CLUSTER] HOST</c> when set; otherwise a server of our own, from this machine's PostgreSQL binaries first,
/// else in Docker when the engine is new enough for Testcontainers.
/// </summary>
public static class WarehouseServers
{
    public static async Task<IWarehouseServer> OpenAsync(DwhConfig config, CancellationToken cancellationToken = default) =>
        config.UsesEmbeddedServer
            ? await StartLocalAsync(EmbeddedDataFolder.For(config), config.Database, throwaway: false, cancellationToken)
            : new ConfiguredServer(config);

    /// <summary>
    /// The server for a command that only reads, which creates nothing: the embedded server is attached to, or started
    /// (then <paramref name="onStart"/> is told, and it stays running as a load leaves it) but never created, and a
    /// database that does not exist is a <see cref="WarehouseMissingException"/> that says to run <paramref name="loadCommand"/>.
    /// </summary>
    public static async Task<IWarehouseServer> OpenExistingAsync(DwhConfig config, string loadCommand, Action<EmbeddedPostgres> onStart,
        CancellationToken cancellationToken = default)
    {
        if (config.UsesEmbeddedServer && EmbeddedDataFolder.For(config) is var dataRoot && (EmbeddedPostgres.RunsIn(dataRoot) || PostgresBinaries.Find() is not null))
            return await EmbeddedPostgres.StartExistingAsync(dataRoot, config.Database, loadCommand, Console.Error, onStart,
                cancellationToken);
        var server = await OpenAsync(config, cancellationToken);
        // On Redshift a database is the cluster owner's to create, and the missing-database line of DatabaseFailures says so.
        if (config.Engine == DatabaseEngine.Postgres && !await MissingDatabase.ExistsAsync(server.ConnectionString, cancellationToken))
        {
            await server.DisposeAsync();
            throw new WarehouseMissingException(config.Database, server.Description, loadCommand);
        }
        return server;
    }

    /// <summary>Starts (or attaches to) a server of our own with its data under <paramref name="dataRoot"/>, and makes sure <paramref name="database"/> exists.</summary>
    /// <param name="throwaway">For tests: durability off, and the server stops when disposed.</param>
    public static async Task<IWarehouseServer> StartLocalAsync(string dataRoot, string database, bool throwaway, CancellationToken cancellationToken = default)
    {
        // A server already running there is attached to without looking for the binaries that started it.
        if (EmbeddedPostgres.RunsIn(dataRoot) || PostgresBinaries.Find() is not null)
            return await EmbeddedPostgres.StartAsync(dataRoot, database, throwaway, cancellationToken);
        var docker = await DockerEngine.ProbeAsync(cancellationToken: cancellationToken);
        if (docker.Usable)
            return await ContainerServer.StartAsync(database, reuse: !throwaway, cancellationToken);
        throw new EmbeddedServerException(
            $"No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found via pg_config, in /usr/lib/postgresql/*/bin or on PATH, and {docker.Why}. " +
            "Install the binaries (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql), " +
            "or set [CLUSTER] HOST in dwh.cfg to a PostgreSQL server you have.");
    }
}
