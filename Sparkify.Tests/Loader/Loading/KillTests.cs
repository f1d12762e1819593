using System.Diagnostics;
using Sparkify.Loader.Generation;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>Generated data big enough that a load is still running when the test kills it.</summary>
/// <summary>
/// Generated data big enough that a load is still running when the test kills it, and the row counts
/// of a warehouse that loaded the sample and then this data without interruption.
/// </summary>
public sealed class KillableInput : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("sparkify-kill-").FullName;
    public IReadOnlyDictionary<string, string> Uninterrupted { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        SampleGenerator.Generate(new GeneratorOptions(Folder, Songs: 3_000, Events: 200_000, Seed: 7));
        await using var reference = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(reference, SampleWarehouse.Folder);
        await Warehouse.LoadAsync(reference, Folder);
        Uninterrupted = await reference.CountsAsync();
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A loader killed in the middle of a load changes nothing, and the next run completes.</summary>
[EndToEnd("starts the loader and kills it")]
public sealed class KillTests(KillableInput input) : IClassFixture<KillableInput>, IDisposable
{
    private readonly string _configFolder = Directory.CreateTempSubdirectory("sparkify-cfg-").FullName;

    public void Dispose() => Directory.Delete(_configFolder, recursive: true);

    [Theory]
    [InlineData("stage staging_events: ", "while staging")]
    [InlineData("transform: ", "while transforming")]
    public async Task A_load_killed_midway_leaves_the_tables_as_before_and_the_next_run_completes(string killAtLine, string when)
    {
        await using var database = await TestDatabase.CreateAsync();
        var config = database.WriteConfig(_configFolder, SampleWarehouse.Folder);
        Assert.Equal(0, (await ProcessRun.LoaderAsync(["--config", config])).ExitCode);
        var before = await database.SnapshotAsync();

        var bigConfig = database.WriteConfig(_configFolder, input.Folder);
        var killed = await ProcessRun.LoaderAsync(["--config", bigConfig], killWhen: line => line.StartsWith(killAtLine, StringComparison.Ordinal));
        Assert.NotEqual(0, killed.ExitCode);

        Assert.True(before.SequenceEqual(await database.SnapshotAsync()), $"tables changed after the loader was killed {when}");
        var next = await ProcessRun.LoaderAsync(["--config", bigConfig]);
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Equal(input.Uninterrupted, await database.CountsAsync());
        Assert.Equal(["succeeded", "abandoned", "succeeded"],
            (await database.RowsAsync("select outcome from load_runs order by run_id")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task A_load_killed_while_recording_its_end_commits_nothing_and_the_next_run_says_so_truthfully()
    {
        await using var database = await TestDatabase.CreateAsync();
        var config = database.WriteConfig(_configFolder, SampleWarehouse.Folder);
        Assert.Equal(0, (await ProcessRun.LoaderAsync(["--config", config])).ExitCode);
        var before = await database.SnapshotAsync();
        // The run's end, held: the loader is killed while the update that records it as succeeded runs. Were that update made
        // after the data's COMMIT, the data would be in and the run still marked running, and the next run would call it rolled back.
        await database.ExecuteAsync("""
            create function hold_the_end() returns trigger language plpgsql as $$ begin perform pg_sleep(600); return new; end $$;
            create trigger hold_the_end before update on load_runs for each row when (new.outcome = 'succeeded') execute function hold_the_end();
            """);

        Process? loader = null;
        var bigConfig = database.WriteConfig(_configFolder, input.Folder);
        var running = ProcessRun.LoaderAsync(["--config", bigConfig], onLine: (process, _) => (loader = process) is not null);
        await WaitForAsync(database, "select count(*) from pg_stat_activity where wait_event = 'PgSleep'");
        loader!.Kill(entireProcessTree: true);
        Assert.NotEqual(0, (await running).ExitCode);
        // The server would notice the lost client only when the sleep ends; ending the backend is what it would then do.
        await database.ExecuteAsync("select pg_terminate_backend(pid) from pg_stat_activity where wait_event = 'PgSleep'");
        await WaitForAsync(database, "select count(*) = 0 from pg_stat_activity where wait_event = 'PgSleep'");

        Assert.True(before.SequenceEqual(await database.SnapshotAsync()), "tables changed after the loader was killed recording its end");
        Assert.Equal(["succeeded", "running"], await OutcomesAsync(database));
        await database.ExecuteAsync("drop trigger hold_the_end on load_runs");
        var next = await ProcessRun.LoaderAsync(["--config", bigConfig]);
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Equal(input.Uninterrupted, await database.CountsAsync());
        Assert.Equal(["succeeded", "abandoned", "succeeded"], await OutcomesAsync(database));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task An_interrupted_load_says_so_in_one_line_rolls_back_and_is_recorded_at_once(string signal)
    {
        await using var database = await TestDatabase.CreateAsync();
        var config = database.WriteConfig(_configFolder, SampleWarehouse.Folder);
        Assert.Equal(0, (await ProcessRun.LoaderAsync(["--config", config])).ExitCode);
        var before = await database.SnapshotAsync();

        var bigConfig = database.WriteConfig(_configFolder, input.Folder);
        var interrupted = await ProcessRun.LoaderAsync(["--config", bigConfig], onLine: (process, line) =>
        {
            if (!line.StartsWith("stage staging_events: ", StringComparison.Ordinal))
                return false;
            ProcessRun.Signal(process, signal);
            return true;
        });

        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains("interrupted: run 2 rolled back, nothing changed", interrupted.Output);
        Assert.DoesNotContain("   at ", interrupted.Output);
        Assert.True(before.SequenceEqual(await database.SnapshotAsync()), "tables changed after the load was interrupted");
        Assert.Equal(["succeeded", "interrupted"], await OutcomesAsync(database));
        Assert.Equal("Interrupted (Ctrl-C or SIGTERM) before it finished; its changes were rolled back.",
            await database.ScalarAsync<string>("select message from load_runs where run_id = 2"));
        var next = await ProcessRun.LoaderAsync(["--config", bigConfig]);
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Equal(input.Uninterrupted, await database.CountsAsync());
        Assert.Equal(["succeeded", "interrupted", "succeeded"], await OutcomesAsync(database));
    }

    private static async Task<List<string>> OutcomesAsync(TestDatabase database) =>
        [.. (await database.RowsAsync("select outcome from load_runs order by run_id")).Select(r => (string)r[0]!)];

    /// <summary>Polls <paramref name="sql"/> until it answers true (or a count above 0), for at most two minutes.</summary>
    private static async Task WaitForAsync(TestDatabase database, string sql)
    {
        var clock = Stopwatch.StartNew();
        while (!Holds((await database.RowsAsync(sql))[0][0]))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException($"waited two minutes for: {sql}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static bool Holds(object? answer) => answer switch
    {
        bool b => b,
        long n => n > 0,
        _ => false,
    };
}
