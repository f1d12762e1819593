using Sparkify.Loader.Cli;
using Sparkify.Loader.Generation;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>
/// A database whose disk fills during a load: the run fails with one line that names the cause, nothing changes, and the run's
/// record says failed and why. The disk is real: the database's tablespace on a small tmpfs (its WAL stays on the server's
/// own disk, as a tablespace's does, so the server itself keeps running).
/// </summary>
[EndToEnd("mounts a file system and fills it")]
[Collection(ServerWideFault.Name)]
public sealed class DiskFullTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-disk-full-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_load_that_fills_the_database_s_disk_fails_in_one_line_and_is_recorded_failed_with_the_cause()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable(PostgresServer.ConnectionVariable) is { Length: > 0 },
            "The test server is given, maybe on another machine: a tablespace on a disk mounted here would not be on it.");
        await using var disk = await SmallDisk.MountAsync(Path.Combine(_folder, "disk"), "size=24m,mode=0700");
        var location = Directory.CreateDirectory(Path.Combine(disk.Path, "tablespace")).FullName;
        await disk.HandOverToServerAsync();
        var tablespace = "small_" + Guid.NewGuid().ToString("N")[..8];
        await TestDatabase.ExecuteOnServerAsync($"create tablespace {tablespace} location '{location}'");
        try
        {
            var input = Path.Combine(_folder, "input");
            SampleGenerator.Generate(new GeneratorOptions(input, Songs: 2_000, Events: 100_000, Seed: 3));
            await using (var database = await TestDatabase.CreateMigratedAsync(tablespace))
            {
                var error = await Assert.ThrowsAnyAsync<Exception>(() => Warehouse.LoadAsync(database, input));

                var line = ErrorReporter.Explain(error);
                Assert.NotNull(line);
                Assert.Contains("No space left on device", line);
                Assert.Contains("The database server's disk is full; nothing was changed.", line);
                Assert.Equal(0L, await database.ScalarAsync<long>("select count(*) from songplays"));
                var run = Assert.Single(await database.RowsAsync("select outcome, message from load_runs"));
                Assert.Equal("failed", run[0]);
                Assert.Contains("No space left on device", (string)run[1]!);
            }
        }
        finally
        {
            await TestDatabase.ExecuteOnServerAsync($"drop tablespace if exists {tablespace}");
        }
    }
}
