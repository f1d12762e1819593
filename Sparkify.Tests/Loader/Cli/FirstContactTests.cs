using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Sparkify.Server;

namespace Sparkify.Tests.Loader.Cli;

/// <summary>What a newcomer types first, on a fresh copy of the repository, and the failures they meet there.</summary>
public sealed partial class FirstContactTests : IDisposable
{
    // CreateTempSubdirectory makes the folder readable by its owner only: as root, a clone under it is out of the
    // postgres account's reach, the case of a clone under /root.
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-first-").FullName;
    private readonly List<string> _dataFolders = [];

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        foreach (var folder in _dataFolders.Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);
    }

    [EndToEnd("starts the loader, dotnet ef or psql")]
    [Fact]
    public async Task Dotnet_ef_database_update_is_a_first_command_that_works_on_a_fresh_copy_starts_the_embedded_server_quietly_and_says_how_to_stop_it()
    {
        var copy = CopyOfTheRepository();
        Assert.False(Directory.Exists(Path.Combine(copy, "Migrations", "obj")), "a fresh copy has never been restored");

        var restore = await ProcessRun.RunAsync("dotnet", ["tool", "restore"], copy, timeout: TimeSpan.FromMinutes(2));
        var update = await ProcessRun.RunAsync("dotnet", ["ef", "database", "update", "--project", "Migrations"], copy, timeout: TimeSpan.FromMinutes(6));

        var dataFolder = DataFolderIn(update.Output);
        try
        {
            Assert.True(restore.ExitCode == 0, restore.Output);
            Assert.True(update.ExitCode == 0, update.Output);
            Assert.DoesNotContain("NETSDK1004", update.Output);
            Assert.Matches(@"Using embedded PostgreSQL on 127\.0\.0\.1:\d+", update.Output);
            Assert.Contains("Done.", update.Output);
            // A fresh database is no failure, and the server it started is one command from stopped, as after a load.
            Assert.DoesNotContain("Failed executing", update.Output);
            Assert.DoesNotContain("Acquiring an exclusive lock", update.Output);
            Assert.Contains("Stop it:   dotnet run --project Sparkify.Loader -- server stop" + Environment.NewLine, update.Output);
        }
        finally
        {
            await ProcessRun.LoaderAsync(["server", "stop", "--config", Path.Combine(copy, "dwh.cfg")]);
        }
        Assert.True(File.Exists(Path.Combine(dataFolder, "pgdata", "PG_VERSION")));
    }

    [EndToEnd("starts the loader, dotnet ef or psql")]
    [Fact]
    public async Task As_root_the_embedded_server_runs_for_a_clone_under_a_folder_only_root_may_enter_and_says_where_its_data_is()
    {
        if (!ServerProcess.IsRoot)
            Assert.Skip("Only root meets this: PostgreSQL then runs as the postgres account, which cannot enter a folder only root may.");
        var config = WriteEmbeddedConfig("sparkify");

        var load = await ProcessRun.LoaderAsync(["--config", config]);

        var dataFolder = DataFolderIn(load.Output);
        await ProcessRun.LoaderAsync(["server", "stop", "--config", config]);
        Assert.True(load.ExitCode == 0, load.Output);
        Assert.False(dataFolder.StartsWith(_folder, StringComparison.Ordinal), $"{dataFolder} is where the postgres account cannot go");
        Assert.Contains($"Its data stays in {dataFolder} for the next run.", load.Output);
    }

    [EndToEnd("starts the loader, dotnet ef or psql")]
    [Fact]
    public async Task The_printed_psql_line_is_valid_shell_whatever_the_database_is_called()
    {
        var config = WriteEmbeddedConfig("""it's "odd"=1""");
        var load = await ProcessRun.LoaderAsync(["--config", config]);
        _dataFolders.Add(DataFolderIn(load.Output));
        try
        {
            var psql = QueryItLine().Match(load.Output).Groups[1].Value;

            var query = await ProcessRun.RunAsync("bash", ["-c", psql + " -tA -c 'select count(*) from songplays'"], _folder, timeout: TimeSpan.FromMinutes(1));

            Assert.True(query.ExitCode == 0, $"{psql}\n{query.Output}");
            Assert.Equal("648", query.Output.Trim());
        }
        finally
        {
            await ProcessRun.LoaderAsync(["server", "stop", "--config", config]);
        }
    }

    [Fact]
    public async Task The_loader_creates_a_missing_PostgreSQL_database_as_dotnet_ef_does()
    {
        await using var database = TestDatabase.NotYetCreated();
        var sample = SampleWarehouse.Folder;

        var engine = new PostgresEngine(InputSources.Local(Path.Combine(sample, "song_data"), Path.Combine(sample, "log_data")));
        var result = await new WarehouseLoader(engine, database.ConnectionString, new SilentObserver()).LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(648, result.RowsIn("songplays"));
    }

    [EndToEnd("starts the loader, dotnet ef or psql")]
    [Fact]
    public async Task An_unreachable_server_is_one_line_that_says_what_to_do_and_verbose_adds_the_details()
    {
        var config = Path.Combine(_folder, "dwh.cfg");
        File.WriteAllLines(config, ["[CLUSTER]", "HOST = 127.0.0.1", $"DB_PORT = {FreePort.Pick()}", "[S3]",
            $"SONG_DATA = {Path.Combine(SampleWarehouse.Folder, "song_data")}", $"LOG_DATA = {Path.Combine(SampleWarehouse.Folder, "log_data")}"]);

        var plain = await ProcessRun.LoaderAsync(["--config", config]);
        var verbose = await ProcessRun.LoaderAsync(["--config", config, "--verbose"]);

        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("error (database unreachable)", plain.Output);
        Assert.Contains("[CLUSTER] HOST and DB_PORT", plain.Output);
        Assert.DoesNotContain("   at ", plain.Output); // no stack trace
        Assert.Contains("   at ", verbose.Output);
    }

    [Theory]
    [InlineData("1.41", false)]
    [InlineData("1.47", true)]
    public async Task A_Docker_engine_is_used_only_when_its_API_is_new_enough_for_Testcontainers(string api, bool usable)
    {
        var socket = Path.Combine(_folder, "docker.sock");
        using var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        engine.Bind(new UnixDomainSocketEndPoint(socket));
        engine.Listen();
        var answering = AnswerAsync(engine, $$"""{"Version":"x","ApiVersion":"{{api}}"}""");

        var probe = await DockerEngine.ProbeAsync($"unix://{socket}", TestContext.Current.CancellationToken);
        await answering;

        Assert.Equal(usable, probe.Usable);
        if (!usable)
            Assert.Contains($"speaks API {api}, older than the 1.44 Testcontainers needs", probe.Why);
    }

    /// <summary>A Docker engine as far as its socket goes: one HTTP answer to one request.</summary>
    private static async Task AnswerAsync(Socket engine, string body)
    {
        using var client = await engine.AcceptAsync(TestContext.Current.CancellationToken);
        await client.ReceiveAsync(new byte[4096], TestContext.Current.CancellationToken);
        await client.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{body}"), TestContext.Current.CancellationToken);
        client.Shutdown(SocketShutdown.Both);
    }

    /// <summary>A dwh.cfg in a clone folder of this test's, for the embedded server and the committed sample.</summary>
    private string WriteEmbeddedConfig(string database)
    {
        var clone = Directory.CreateDirectory(Path.Combine(_folder, "clone")).FullName;
        var config = Path.Combine(clone, "dwh.cfg");
        File.WriteAllLines(config, ["[CLUSTER]", "HOST =", $"DB_NAME = {database}", "[S3]",
            $"SONG_DATA = {Path.Combine(SampleWarehouse.Folder, "song_data")}", $"LOG_DATA = {Path.Combine(SampleWarehouse.Folder, "log_data")}"]);
        return config;
    }

    /// <summary>The repository's files as a fresh clone has them (no bin, no obj, no .sparkify), found without git.</summary>
    private string CopyOfTheRepository()
    {
        var copy = Directory.CreateDirectory(Path.Combine(_folder, "repository")).FullName;
        RepositoryCopy.Make(DataPaths.RepositoryRoot, copy);
        return copy;
    }

    /// <summary>The embedded server's data folder, from what the loader or dotnet ef printed; kept for deletion.</summary>
    private string DataFolderIn(string output)
    {
        var match = DataDirectory().Match(output);
        Assert.True(match.Success, output);
        var folder = Path.GetDirectoryName(match.Groups[1].Value)!;
        _dataFolders.Add(folder);
        return folder;
    }

    // Spectre wraps long lines when output is redirected: the path may start on the next line.
    [GeneratedRegex(@"\(data in\s+(\S+)\)")]
    private static partial Regex DataDirectory();

    [GeneratedRegex(@"Query it:\s+(psql .+)")]
    private static partial Regex QueryItLine();
}
