using Npgsql;
using Sparkify.Server;

[assembly: AssemblyFixture(typeof(Sparkify.Tests.Infrastructure.PostgresServer))]

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// The one PostgreSQL server of a test run: <c>SPARKIFY_TEST_CONNECTION</c> if set, else a throwaway server chosen as
/// the loader chooses its own (<see cref="WarehouseServers.StartLocalAsync"/>), with its data in a temporary folder.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionVariable = "SPARKIFY_TEST_CONNECTION";

    private static PostgresServer? _current;
    private IWarehouseServer? _server;
    private string? _temporaryRoot;

    /// <summary>The running server; test fixtures start after assembly fixtures, so it is always set for them.</summary>
    public static PostgresServer Current => _current ?? throw new InvalidOperationException("The PostgreSQL assembly fixture has not started.");

    /// <summary>A connection string to the server's maintenance database, for creating and dropping test databases.</summary>
    public string AdminConnectionString => _server!.ConnectionString;

    public string Description => _server!.Description;

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } connection)
            _server = new ExternalServer(connection);
        else
        {
            // The loader's own policy: this machine's PostgreSQL binaries first, else a Docker engine new enough.
            _temporaryRoot = Directory.CreateTempSubdirectory("sparkify-tests-").FullName;
            _server = await WarehouseServers.StartLocalAsync(_temporaryRoot, "postgres", throwaway: true);
        }
        _current = this;
    }

    public async ValueTask DisposeAsync()
    {
        await TestDatabase.DropTemplateAsync();
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
            await _server.DisposeAsync();
        if (_temporaryRoot is not null)
            Directory.Delete(_temporaryRoot, recursive: true);
    }

    private sealed class ExternalServer(string connectionString) : IWarehouseServer
    {
        public string ConnectionString => connectionString;
        public string Description => $"the server in {ConnectionVariable}";
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
