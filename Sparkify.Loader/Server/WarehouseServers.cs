using Sparkify.Data.Settings;

namespace Sparkify.Loader.Server;

/// <summary>Chooses the server the loader writes to, from dwh.cfg and what this machine has.</summary>
public static class WarehouseServers
{
    /// <summary>
    /// <c>[CLUSTER] HOST</c> set: that server. Otherwise the embedded PostgreSQL (its data kept
    /// beside dwh.cfg), or a Testcontainers PostgreSQL when no binaries exist but Docker answers.
    /// </summary>
    public static async Task<IWarehouseServer> OpenAsync(DwhConfig config, CancellationToken cancellationToken = default)
    {
        if (!config.UsesEmbeddedServer)
            return new ConfiguredServer(config);
        if (PostgresBinaries.Find() is null && await DockerEngine.AnswersAsync(cancellationToken))
            return await ContainerServer.StartAsync(config.Database, reuse: true, cancellationToken);
        return await EmbeddedPostgres.StartAsync(config.EmbeddedDataRoot, config.Database, throwaway: false, cancellationToken);
    }
}
