using Sparkify.Loader.Analytics;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>The report's figures over warehouses built in several runs, empty, or not built at all.</summary>
public sealed class ReportWarehouseTests(SampleWarehouse sample) : IClassFixture<SampleWarehouse>, IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-report-input-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private string Logs => Path.Combine(_input, "log_data");

    [Fact]
    public async Task Figures_after_two_incremental_runs_equal_those_of_one_load_of_everything()
    {
        // Given the first half of the sample's month and some of its songs loaded, then the rest in a later run
        // (so some of the first run's events find their song only in the second)
        FileTree.Copy(SampleWarehouse.Folder, _input, InFirstRun);
        await using var incremental = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(incremental, _input);
        var firstRun = await ReportOfAsync(incremental);
        FileTree.Copy(SampleWarehouse.Folder, _input, file => !InFirstRun(file));
        await Warehouse.LoadAsync(incremental, _input);

        // When both warehouses are reported on
        var report = await ReportOfAsync(incremental);

        // Then the song-match coverage and every other figure are the same (the first run's plays found their songs later)
        Assert.Equal(ReportJson.Serialize(await ReportOfAsync(sample.Database)), ReportJson.Serialize(report));
        Assert.True(firstRun.SongMatch.Matched < report.SongMatch.Matched && firstRun.SongMatch.NextSongEvents < report.SongMatch.NextSongEvents);
    }

    [Fact]
    public async Task An_event_file_staged_twice_counts_its_events_once()
    {
        // Given every sample file, and one day's log again under another name
        FileTree.Copy(SampleWarehouse.Folder, _input);
        var day = Directory.EnumerateFiles(Logs, "*.json", SearchOption.AllDirectories).Order().First();
        File.Copy(day, day.Replace(".json", "-resent.json"));
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);

        // When
        var report = await ReportOfAsync(database);

        // Then
        Assert.Equal((await ReportOfAsync(sample.Database)).SongMatch, report.SongMatch);
        Assert.True(await database.ScalarAsync<long>("select count(*) from staging_events") >
                    await sample.Database.ScalarAsync<long>("select count(*) from staging_events"));
    }

    [Fact]
    public async Task An_empty_warehouse_gets_a_report_of_zeros_and_charts_that_say_so()
    {
        // Given a warehouse whose schema exists but which holds no data
        await using var database = await TestDatabase.CreateMigratedAsync();

        // When
        var report = await ReportOfAsync(database);
        var files = ReportWriter.Write(report, Path.Combine(_input, "report"), "an empty test database", DateTime.UtcNow);

        // Then
        Assert.Equal(new Headline(null, null, 0, 0, 0, 0), report.Headline);
        Assert.Empty(report.PlaysPerDay);
        Assert.All(report.PlaysByHour, hour => Assert.Equal(0, hour.Plays));
        Assert.Null(report.SongMatch.MatchedShare);
        Assert.Contains("no plays yet", File.ReadAllText(files[0]));
        Assert.Contains("No plays yet", File.ReadAllText(files.First(f => f.EndsWith("top-songs.svg", StringComparison.Ordinal))));
    }

    [EndToEnd("starts the loader")]
    [Fact]
    public async Task A_database_without_the_schema_gets_one_line_that_says_to_load_first()
    {
        // Given a database nothing has loaded
        await using var database = await TestDatabase.CreateAsync();
        var config = database.WriteConfig(_input, _input);

        // When
        var run = await ProcessRun.LoaderAsync(["report", "--config", config, "--output", Path.Combine(_input, "report")]);

        // Then
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("load it first", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    private static bool InFirstRun(string file) =>
        Path.GetRelativePath(SampleWarehouse.Folder, file) is var path && path.StartsWith("log_data", StringComparison.Ordinal)
            ? int.Parse(Path.GetFileName(path)[8..10], System.Globalization.CultureInfo.InvariantCulture) <= 15
            : string.CompareOrdinal(path, "song_data/M") < 0;

    private static async Task<AnalyticsReport> ReportOfAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return await new AnalyticsReader(connection, new PlainReportObserver(TextWriter.Null)).ReadAsync(TestContext.Current.CancellationToken);
    }
}
