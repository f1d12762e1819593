using Sparkify.Settings;

namespace Sparkify.Server;

/// <summary>The server that <c>[CLUSTER] HOST</c> names; we neither start nor stop it.</summary>
public sealed class ConfiguredServer(DwhConfig config) : IWarehouseServer
{
    public string ConnectionString { get; } = config.ConnectionString();
    public string Description => $"{(config.Engine == DatabaseEngine.Redshift ? "Redshift" : "PostgreSQL")} at {config.Host}:{config.Port}, database {config.Database}, user {config.User}";
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
