using System.Text.Json.Nodes;
using Sparkify.Loader.Model;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>
/// A run reports every table's rows without counting the history: the last successful run's counts plus what this run
/// added, net, which must equal a count of each table whatever the run did (new days, a corrected day, a changed song).
/// </summary>
public sealed class TableCountTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-table-counts-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private string Logs => Path.Combine(_input, "log_data", "2018", "11");

    [Fact]
    public async Task Counts_carried_from_the_last_run_equal_a_count_of_every_table_through_new_corrected_and_replaced_files()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var loader = new WarehouseLoader(new PostgresEngine(InputSources.Local(Path.Combine(_input, "song_data"), Path.Combine(_input, "log_data"))),
            database.ConnectionString, new SilentObserver());
        SampleDays.Copy(_input, logDays: day => day <= 15);
        await AssertCountsAsync(await loader.LoadAsync(TestContext.Current.CancellationToken), database);
        Assert.True(loader.LastRunFacts!.CountUnrecorded(WarehouseTables.SongPlays), "the first run has no earlier count: it counts");

        // New days: plays, times and level periods added, users updated
        SampleDays.Copy(_input, logDays: day => day > 15, rest: false);
        await AssertCountsAsync(await loader.LoadAsync(TestContext.Current.CancellationToken), database);
        Assert.All(WarehouseTables.Star, table => Assert.False(loader.LastRunFacts!.CountUnrecorded(table), $"{table} should not be counted"));

        // A corrected day that lost its last lines: its plays undone, fewer rebuilt
        var day15 = Path.Combine(Logs, "2018-11-15-events.json");
        var lines = File.ReadAllLines(day15);
        File.WriteAllLines(day15, lines.Take(lines.Length / 2));
        await AssertCountsAsync(await loader.LoadAsync(TestContext.Current.CancellationToken), database);

        // A song file changed so that its plays no longer match it
        var played = await database.ScalarAsync<string>("select min(song_id) from songplays");
        var songFile = Directory.EnumerateFiles(Path.Combine(_input, "song_data"), "*.json", SearchOption.AllDirectories)
            .Single(file => File.ReadAllText(file).Contains($"\"{played}\"", StringComparison.Ordinal));
        var song = JsonNode.Parse(File.ReadAllText(songFile))!.AsObject();
        song["duration"] = (double)song["duration"]! + 1;
        File.WriteAllText(songFile, song.ToJsonString());
        await AssertCountsAsync(await loader.LoadAsync(TestContext.Current.CancellationToken), database);
    }

    private static async Task AssertCountsAsync(LoadResult result, TestDatabase database)
    {
        foreach (var table in WarehouseTables.All)
            Assert.Equal((table, await database.ScalarAsync<long>($"select count(*) from {table}")), (table, result.RowsIn(table)));
        // and load_runs records the same
        foreach (var table in WarehouseTables.Star)
            Assert.Equal(result.RowsIn(table), await database.ScalarAsync<long>(
                $"select {LoadRunLog.RowsColumn(table)} from load_runs where run_id = (select max(run_id) from load_runs)"));
    }
}
