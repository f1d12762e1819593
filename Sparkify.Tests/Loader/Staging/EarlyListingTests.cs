using Sparkify.Loader.Generation;
using Sparkify.Loader.Staging;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// The command line starts listing the input before it finds the server (<see cref="IStager.StartListing"/>): the run that follows
/// stages what that listing found, and a later run of the same process lists the input again.
/// </summary>
public sealed class EarlyListingTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-early-listing-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    [Fact]
    public async Task A_listing_started_before_the_run_is_the_runs_and_the_next_run_lists_again()
    {
        SampleGenerator.Generate(new GeneratorOptions(_input, Songs: 40, Events: 600, Seed: 5));
        var logs = Directory.GetFiles(Path.Combine(_input, "log_data"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var held = logs[^1];
        var heldAway = Path.Combine(_input, "held.json.away");
        File.Move(held, heldAway);
        var engine = new PostgresEngine(InputSources.Local(Path.Combine(_input, "song_data"), Path.Combine(_input, "log_data")));
        await using var database = await TestDatabase.CreateMigratedAsync();

        await engine.Stager.StartListing(TestContext.Current.CancellationToken);
        File.Move(heldAway, held); // after the listing: this run does not see it
        var first = await new WarehouseLoader(engine, database.ConnectionString, new SilentObserver()).LoadAsync(TestContext.Current.CancellationToken);
        var second = await new WarehouseLoader(engine, database.ConnectionString, new SilentObserver()).LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(logs.Count - 1, first.Staged!.Events.Files);
        Assert.Equal(1, second.Staged!.Events.Files);
        await using var clean = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(clean, _input);
        Assert.Equal(await clean.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task A_run_keeps_a_tables_listing_only_where_asked_and_always_its_size()
    {
        SampleGenerator.Generate(new GeneratorOptions(_input, Songs: 40, Events: 600, Seed: 5));
        var logs = new DirectoryInfo(Path.Combine(_input, "log_data")).GetFiles("*.json", SearchOption.AllDirectories);
        var songs = new DirectoryInfo(Path.Combine(_input, "song_data")).GetFiles("*.json", SearchOption.AllDirectories);
        var engine = new PostgresEngine(InputSources.Local(Path.Combine(_input, "song_data"), Path.Combine(_input, "log_data")));
        await using var database = await TestDatabase.CreateMigratedAsync();

        var result = await new WarehouseLoader(engine, database.ConnectionString, new SilentObserver())
        {
            KeepsListing = (table, size) => table == StagingTable.Songs && size.Files == songs.Length,
        }.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new ListingSize(logs.Length, logs.Sum(f => f.Length)), result.Staged!.Events.ListedSize);
        Assert.Equal(new ListingSize(songs.Length, songs.Sum(f => f.Length)), result.Staged.Songs.ListedSize);
        Assert.Null(result.Staged.Events.Listed);
        Assert.Equal(songs.Select(f => f.FullName).Order(StringComparer.Ordinal), result.Staged.Songs.Listed!.Select(f => f.Name));
    }
}
