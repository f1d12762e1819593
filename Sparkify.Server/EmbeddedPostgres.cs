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

    private readonly bool _stopOnDispose;

    public string DataDirectory { get; }

    /// <summary>The folder that holds the data directory and the server's log.</summary>
    public string DataRoot => Path.GetDirectoryName(DataDirectory)!;
    public int Port { get; }
    public string ConnectionString { get; }
    public string Description => $"embedded PostgreSQL on 127.0.0.1:{Port} (data in {DataDirectory})";

    /// <summary>True when this process started the server; false when it found it running.</summary>
    public bool Started { get; private init; }

    private EmbeddedPostgres(string dataDirectory, int port, string database, bool stopOnDispose)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _stopOnDispose = stopOnDispose;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = Superuser,
            Database = database,
            // The server listens on loopback with trust authentication and neither TLS nor Kerberos: asking for GSS
            // encryption first (Npgsql's default) only loads the Kerberos libraries and looks for credentials on every
            // connection, and asking for TLS costs a round trip the server always refuses.
            GssEncryptionMode = GssEncryptionMode.Disable,
            SslMode = SslMode.Disable,
        }.ConnectionString;
    }

    /// <summary>
    /// Starts the server whose data lives under <paramref name="dataRoot"/> (creating it on first use),
    /// or attaches to it if it already runs, and makes sure <paramref name="database"/> exists.
    /// </summary>
    /// <param name="throwaway">For tests: durability off, and the server stops when disposed.</param>
    /// <remarks>A process that waits for another one starting the server says so on standard error.</remarks>
    public static Task<EmbeddedPostgres> StartAsync(string dataRoot, string database, bool throwaway, CancellationToken cancellationToken = default) =>
        OpenAsync(dataRoot, database, throwaway, loadCommand: null, Console.Error, onStart: null, cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync"/> for commands that only read, creating nothing: where the server has no data yet, or
    /// <paramref name="database"/> does not exist, a <see cref="WarehouseMissingException"/> says to run
    /// <paramref name="loadCommand"/> first.
    /// </summary>
    /// <param name="onStart">Told when this call had to start the server, before the database is looked for: it stays running.</param>
    public static Task<EmbeddedPostgres> StartExistingAsync(string dataRoot, string database, string loadCommand, TextWriter notices,
        Action<EmbeddedPostgres> onStart, CancellationToken cancellationToken) =>
        OpenAsync(dataRoot, database, throwaway: false, loadCommand, notices, onStart, cancellationToken);

    /// <param name="loadCommand">Null: create what is missing (the data folder, the database); else create nothing and say to run it.</param>
    private static async Task<EmbeddedPostgres> OpenAsync(string dataRoot, string database, bool throwaway, string? loadCommand, TextWriter notices,
        Action<EmbeddedPostgres>? onStart, CancellationToken cancellationToken)
    {
        dataRoot = Path.GetFullPath(dataRoot);
        var dataDirectory = Path.Combine(dataRoot, "pgdata");
        var createNothing = loadCommand is not null;
        WarehouseMissingException NoDataYet() => new(database, $"the embedded PostgreSQL, which has no data yet (in {dataRoot})", loadCommand!);
        if (createNothing && !Directory.Exists(dataRoot))
            throw NoDataYet();
        Directory.CreateDirectory(dataRoot);


        // From here until the server answers, one process at a time: loaders started at once would otherwise each run
        // initdb into the same folder, or each pg_ctl start on the same data.
        using var held = await EmbeddedServerLock.AcquireAsync(dataRoot, notices, EmbeddedServerLock.DefaultPatience, cancellationToken);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            if (createNothing)
                throw NoDataYet();
            await ServerProcess.GrantToServiceAccountAsync(dataRoot, cancellationToken);
            try
            {
                await ServerProcess.RunAsync(Tool("initdb"),
                    ["-D", dataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C"], cancellationToken);
            }
            catch (EmbeddedServerException e)
            {
                throw EmbeddedServerFailure.FromInitdb(dataRoot, dataDirectory, e);
            }
        }

        var port = RunningPort(dataDirectory);
        var started = port is null;
        if (port is null)
        {
            port = FreePort.Pick();
            var settings = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
            if (throwaway)
                settings += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
            var logFrom = EmbeddedServerFailure.LogLength(dataRoot);
            try
            {
                await ServerProcess.RunAsync(Tool("pg_ctl"),
                    ["-D", dataDirectory, "-l", EmbeddedServerFailure.LogPath(dataRoot), "-w", "-t", "60", "-o", settings, "start"],
                    cancellationToken);
            }
            catch (EmbeddedServerException e)
            {
                throw EmbeddedServerFailure.FromLog(dataRoot, dataDirectory, "did not start", logFrom, e);
            }
        }

        var server = new EmbeddedPostgres(dataDirectory, port.Value, database, throwaway) { Started = started };
        if (started)
            onStart?.Invoke(server);
        // Still under the lock: loaders that create the database at once would race in CREATE DATABASE.
        await server.ReachDatabaseAsync(loadCommand, cancellationToken);
        return server;
    }

    /// <summary>Connects to the database, creating it when missing unless <paramref name="loadCommand"/> says to load first instead.</summary>
    private async Task ReachDatabaseAsync(string? loadCommand, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (loadCommand is null)
                    await MissingDatabase.CreateIfMissingAsync(ConnectionString, cancellationToken);
                else if (await MissingDatabase.ExistsAsync(ConnectionString, cancellationToken) is false)
                    throw new WarehouseMissingException(new NpgsqlConnectionStringBuilder(ConnectionString).Database!, Description, loadCommand);
                return;
            }
            catch (PostgresException e) when (e.SqlState == StartingUp && attempt < 600)
            {
                // A server that crashed restarts by itself and refuses connections while it recovers: wait, as pg_ctl -w waits.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (NpgsqlException e)
            {
                // Our own superuser on trust authentication: a refusal is the server's trouble (most often a full disk), which its log names.
                throw EmbeddedServerFailure.FromLog(DataRoot, DataDirectory, "refuses connections", logFrom: 0, e);
            }
        }
    }

    /// <summary>PostgreSQL's "cannot_connect_now": the server is starting up or recovering.</summary>
    private const string StartingUp = "57P03";

    /// <summary>Stops the server whose data lives under <paramref name="dataRoot"/>; false if it was not running.</summary>
    /// <remarks>Under the lock that starts take, so that a stop never meets a start half done.</remarks>
    public static async Task<bool> StopAsync(string dataRoot, CancellationToken cancellationToken = default)
    {
        dataRoot = Path.GetFullPath(dataRoot);
        var dataDirectory = Path.Combine(dataRoot, "pgdata");
        if (PostgresBinaries.Find() is not { } binaries || !Directory.Exists(dataRoot))
            return false;
        using var held = await EmbeddedServerLock.AcquireAsync(dataRoot, Console.Error, EmbeddedServerLock.DefaultPatience, cancellationToken);
        var pgCtl = Path.Combine(binaries, "pg_ctl");
        if (RunningPort(dataDirectory) is null)
            return false;
        await ServerProcess.RunAsync(pgCtl, ["-D", dataDirectory, "-m", "fast", "-w", "stop"], cancellationToken);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopOnDispose)
            await ServerProcess.RunAsync(Tool("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
    }

    /// <summary>The server binaries' tool <paramref name="name"/>, looked for only when a server is created, started or stopped.</summary>
    private static string Tool(string name) => Path.Combine(PostgresBinaries.Find() ?? throw new EmbeddedServerException(
        "No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found via pg_config, in /usr/lib/postgresql/*/bin or on PATH. " +
        "Install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql), start a Docker engine, " +
        "or set [CLUSTER] HOST in dwh.cfg to a PostgreSQL server you have."), name);

    /// <summary>Whether a server runs on the data under <paramref name="dataRoot"/>.</summary>
    public static bool RunsIn(string dataRoot) => RunningPort(Path.Combine(Path.GetFullPath(dataRoot), "pgdata")) is not null;

    /// <summary>The port of the server running on <paramref name="dataDirectory"/>, if one is.</summary>
    /// <remarks>
    /// As <c>pg_ctl status</c> judges it, without a process of its own (as root, one through <c>runuser</c>): the postmaster
    /// the pid file names is alive. A pid file left by a server that died names no process, or, once its number is reused,
    /// one that is not <c>postgres</c>; either way <c>pg_ctl start</c> cleans it up.
    /// </remarks>
    private static int? RunningPort(string dataDirectory)
    {
        if (PostmasterPid.Read(dataDirectory) is not { } postmaster)
            return null;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(postmaster.Pid);
            return !process.HasExited && process.ProcessName == "postgres" ? postmaster.Port : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null; // no such process
        }
    }

}
