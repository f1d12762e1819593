using Testcontainers.PostgreSql;

namespace Sparkify.Server;

/// <summary>PostgreSQL in a Docker container started through Testcontainers.</summary>
public sealed class ContainerServer : IWarehouseServer
{
    /// <summary>Pinned, and the same major version as the embedded server on Debian 12.</summary>
    public const string Image = "postgres:15";

    private readonly PostgreSqlContainer _container;
    private readonly bool _stopOnDispose;

    private ContainerServer(PostgreSqlContainer container, bool stopOnDispose)
    {
        _container = container;
        _stopOnDispose = stopOnDispose;
    }

    public string ConnectionString => _container.GetConnectionString();
    public string Description => $"PostgreSQL in Docker container {_container.Name} ({Image})";

    /// <param name="reuse">Keep the container (and its data) between runs, as the loader does; tests throw theirs away.</param>
    public static async Task<ContainerServer> StartAsync(string database, bool reuse, CancellationToken cancellationToken = default)
    {
        var builder = new PostgreSqlBuilder(Image).WithDatabase(database);
        if (reuse)
            builder = builder.WithReuse(true).WithLabel("sparkify.role", "warehouse");
        else
            builder = builder.WithCommand("-c", "fsync=off");
        var container = builder.Build();
        await container.StartAsync(cancellationToken);
        return new ContainerServer(container, stopOnDispose: !reuse);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopOnDispose)
            await _container.DisposeAsync();
    }
}
