using Npgsql;

namespace Sparkify.Server;

/// <summary>
/// A PostgreSQL server the loader runs itself from the binaries installed on this machine,
/// with its data in a folder of ours, listening on a free loopback port.
/// </summary>
/// <remarks>
/// Authentication is <c>trust</c> on 127.0.0.1 only: the server is a local sandbox for one
/// developer, reachable from this machine alone, and never holds a password to leak.
/// </remarks>
public sealed class EmbeddedPostgres : IWarehouseServer
{
    public const string Superuser = "postgres";

    private readonly string _binaries;
    private readonly bool _stopOnDispose;

    public string DataDirectory { get; }

    /// <summary>The folder that holds the data directory and the server's log.</summary>
    public string DataRoot => Path.GetDirectoryName(DataDirectory)!;
    public int Port { get; }
    public string ConnectionString { get; }
    public string Description => $"embedded PostgreSQL on 127.0.0.1:{Port} (data in {DataDirectory})";

    private EmbeddedPostgres(string binaries, string dataDirectory, int port, string database, bool stopOnDispose)
    {
        _binaries = binaries;
        DataDirectory = dataDirectory;
        Port = port;
        _stopOnDispose = stopOnDispose;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = Superuser,
            Database = database,
        }.ConnectionString;
    }

    /// <summary>
    /// Starts the server whose data lives under <paramref name="dataRoot"/> (creating it on first use),
    /// or attaches to it if it already runs, and makes sure <paramref name="database"/> exists.
    /// </summary>
    /// <param name="throwaway">For tests: durability off, and the server stops when disposed.</param>
    public static async Task<EmbeddedPostgres> StartAsync(string dataRoot, string database, bool throwaway, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Find() ?? throw new EmbeddedServerException(
            "No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found via pg_config, in /usr/lib/postgresql/*/bin or on PATH. " +
            "Install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql), start a Docker engine, " +
            "or set [CLUSTER] HOST in dwh.cfg to a PostgreSQL server you have.");

        dataRoot = Path.GetFullPath(dataRoot);
        var dataDirectory = Path.Combine(dataRoot, "pgdata");
        Directory.CreateDirectory(dataRoot);

        string Tool(string name) => Path.Combine(binaries, name);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await ServerProcess.GrantToServiceAccountAsync(dataRoot, cancellationToken);
            await ServerProcess.RunAsync(Tool("initdb"),
                ["-D", dataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C"], cancellationToken);
        }

        var port = await RunningPortAsync(Tool("pg_ctl"), dataDirectory, cancellationToken);
        if (port is null)
        {
            port = FreePort.Pick();
            var settings = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
            if (throwaway)
                settings += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
            await ServerProcess.RunAsync(Tool("pg_ctl"),
                ["-D", dataDirectory, "-l", Path.Combine(dataRoot, "postgres.log"), "-w", "-t", "60", "-o", settings, "start"],
                cancellationToken);
        }

        var server = new EmbeddedPostgres(binaries, dataDirectory, port.Value, database, throwaway);
        await MissingDatabase.CreateIfMissingAsync(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString,
            cancellationToken);
        return server;
    }

    /// <summary>Stops the server whose data lives under <paramref name="dataRoot"/>; false if it was not running.</summary>
    public static async Task<bool> StopAsync(string dataRoot, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.Combine(Path.GetFullPath(dataRoot), "pgdata");
        if (PostgresBinaries.Find() is not { } binaries || PostmasterPid.ReadPort(dataDirectory) is null)
            return false;
        await ServerProcess.RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", dataDirectory, "-m", "fast", "-w", "stop"], cancellationToken);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopOnDispose)
            await ServerProcess.RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
    }

    private static async Task<int?> RunningPortAsync(string pgCtl, string dataDirectory, CancellationToken cancellationToken)
    {
        if (PostmasterPid.ReadPort(dataDirectory) is not { } port)
            return null;
        try
        {
            await ServerProcess.RunAsync(pgCtl, ["-D", dataDirectory, "status"], cancellationToken);
            return port;
        }
        catch (EmbeddedServerException)
        {
            return null; // a stale postmaster.pid from a server that died; pg_ctl start cleans it up
        }
    }

}
