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
}
