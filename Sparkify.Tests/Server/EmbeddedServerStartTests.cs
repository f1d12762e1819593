using System.Text.RegularExpressions;
using Npgsql;
using Sparkify.Server;

namespace Sparkify.Tests.Server;

/// <summary>The embedded server as loaders meet it: several starting at once on a fresh clone, and a disk too full to start it on.</summary>
[EndToEnd("starts loader processes and the embedded server")]
public sealed partial class EmbeddedServerStartTests
{
    [Fact]
    public async Task Four_loaders_started_at_once_on_a_fresh_clone_all_load_into_one_server()
    {
        // Given a clone with no embedded data folder yet
        await using var clone = EmbeddedClone.Create();
        Assert.False(Directory.Exists(clone.DataRoot));

        // When four loaders start at once
        var loads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ProcessRun.LoaderAsync(["--config", clone.Config])));

        // Then every one loaded, into the one server that runs
        Assert.All(loads, load => Assert.True(load.ExitCode == 0, load.Output));
        var port = Assert.Single(loads.Select(load => int.Parse(TargetPort().Match(load.Output).Groups[1].Value)).Distinct());
        Assert.Equal(port, clone.RunningPort);
        await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=sparkify;Pooling=false"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var outcomes = new NpgsqlCommand("select count(*) from load_runs where outcome = 'succeeded'", connection);
            Assert.Equal(4L, await outcomes.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        // And it stops
        var stop = await ProcessRun.LoaderAsync(["server", "stop", "--config", clone.Config]);
        Assert.True(stop.ExitCode == 0, stop.Output);
        Assert.Contains("Stopped the embedded PostgreSQL.", stop.Output);
        Assert.Null(clone.RunningPort);
    }

    [Fact]
    public async Task The_users_own_PG_variables_do_not_reach_the_embedded_servers_tools()
    {
        // Given a clone with no embedded server yet, and a shell whose PG variables describe another server (PGPORT set but
        // empty, which initdb's bootstrap refuses; PGDATA a folder that does not exist)
        await using var clone = EmbeddedClone.Create();
        var shell = new Dictionary<string, string> { ["PGPORT"] = "", ["PGDATA"] = "/nonexistent/pgdata" };

        // When it loads
        var load = await ProcessRun.LoaderAsync(["--config", clone.Config], shell);

        // Then the embedded server was created, started and loaded into as without them
        Assert.True(load.ExitCode == 0, load.Output);
        Assert.NotNull(clone.RunningPort);
    }

    [Fact]
    public async Task A_running_server_that_refuses_connections_is_one_line_that_quotes_its_log()
    {
        // Given a running embedded server whose database refuses connections (as one on a full disk refuses them: "could not write init file")
        await using var clone = EmbeddedClone.Create();
        var start = await ProcessRun.LoaderAsync(["server", "start", "--config", clone.Config]);
        Assert.True(start.ExitCode == 0, start.Output);
        await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={clone.RunningPort};Username=postgres;Database=postgres;Pooling=false"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var refuse = new NpgsqlCommand("alter database sparkify allow_connections false", connection);
            await refuse.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        // When
        var runs = await ProcessRun.LoaderAsync(["runs", "--config", clone.Config]);

        // Then
        Assert.True(runs.ExitCode == 1, runs.Output);
        var line = Assert.Single(runs.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"error (embedded PostgreSQL): the embedded PostgreSQL (data in {Path.Combine(clone.DataRoot, "pgdata")}) refuses connections: " +
                          $"its log says \"FATAL: database \"sparkify\" is not currently accepting connections\" ({Path.Combine(clone.DataRoot, "postgres.log")}).", line);
    }

    [Fact]
    public async Task A_server_that_cannot_start_on_a_full_disk_is_one_line_that_quotes_its_log_and_says_to_free_space_there()
    {
        // Given a small file system of its own holding the clone and its embedded data (only root may mount one)
        if (!ServerProcess.IsRoot)
            Assert.Skip("Only root may mount the small file system this test fills.");
        var mount = Directory.CreateTempSubdirectory("sparkify-full-disk-").FullName;
        var mounted = await ProcessRun.RunAsync("mount", ["-t", "tmpfs", "-o", "size=96m,mode=755", "tmpfs", mount], timeout: TimeSpan.FromMinutes(1));
        if (mounted.ExitCode != 0)
        {
            Directory.Delete(mount);
            Assert.Skip($"mount -t tmpfs is not permitted here: {mounted.Output.Trim()}");
        }
        var fill = Path.Combine(mount, "fill");
        EmbeddedClone? clone = null;
        try
        {
            clone = EmbeddedClone.In(mount);
            // and on it a server created, stopped, and then the disk filled
            var start = await ProcessRun.LoaderAsync(["server", "start", "--config", clone.Config]);
            Assert.True(start.ExitCode == 0, start.Output);
            await EmbeddedPostgres.StopAsync(clone.DataRoot, TestContext.Current.CancellationToken);
            Fill(fill);

            // When a load, then a read-only verb, need the server
            var load = await ProcessRun.LoaderAsync(["--config", clone.Config]);
            var runs = await ProcessRun.LoaderAsync(["runs", "--config", clone.Config]);

            // Then each says in one line that it did not start, quoting the log's disk-space error, and where to free space
            foreach (var run in new[] { load, runs })
            {
                Assert.True(run.ExitCode == 1, run.Output);
                var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                Assert.StartsWith($"error (embedded PostgreSQL): the embedded PostgreSQL (data in {Path.Combine(clone.DataRoot, "pgdata")}) did not start: ", line);
                Assert.Contains("No space left on device", line);
                Assert.EndsWith($"free space on {mount}, then rerun.", line);
            }
        }
        finally
        {
            File.Delete(fill);
            if (clone is not null)
                await clone.DisposeAsync();
            var unmounted = await ProcessRun.RunAsync("umount", [mount], timeout: TimeSpan.FromMinutes(1));
            if (unmounted.ExitCode != 0)
                await ProcessRun.RunAsync("umount", ["--lazy", mount], timeout: TimeSpan.FromMinutes(1));
            Directory.Delete(mount);
        }
    }

    /// <summary>Writes <paramref name="path"/> until its file system has no room left.</summary>
    private static void Fill(string path)
    {
        // Unbuffered, so the write that meets the full disk throws here, not in a flush on dispose.
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var size in new[] { 1 << 20, 4096 })
        {
            var block = new byte[size];
            try
            {
                while (true)
                    file.Write(block);
            }
            catch (IOException)
            {
                // full, to within this block's size
            }
        }
    }

    [GeneratedRegex(@"target: embedded PostgreSQL on 127\.0\.0\.1:(\d+)")]
    private static partial Regex TargetPort();
}
