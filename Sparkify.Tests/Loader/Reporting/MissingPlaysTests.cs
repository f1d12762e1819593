using System.Text.Json;
using System.Text.Json.Nodes;
using Sparkify.Loader.Analytics;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>
/// Why plays go missing: every NextSong event in exactly one class (matched, duration differs, other artist only, title not in the
/// catalogue), with each class's most asked-for songs and the catalogue's nearest song, against figures counted from the files.
/// </summary>
public sealed class MissingPlaysTests(SampleWarehouse sample) : IClassFixture<SampleWarehouse>, IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-missing-plays-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    [Fact]
    public async Task The_sample_s_classes_and_examples_equal_those_counted_from_its_files()
    {
        // Given the sample loaded (the fixture)
        // When the report reads the warehouse and plain C# reads the JSON files
        var report = await ReportOfAsync(sample.Database);
        var expected = RealDataFigures.Compute(SampleWarehouse.Folder).MissingPlays;

        // Then every class's count, share and examples agree, and the sample has events in every class
        Assert.Equal(Json(expected), Json(report.MissingPlays));
        Assert.All(report.MissingPlays.Classes, c => Assert.True(c.Events > 0 && c.Examples.Count > 0, $"{c.Name}: {c.Events} events"));
    }

    [Fact]
    public async Task The_classes_sum_to_the_NextSong_events_and_matched_is_the_fact()
    {
        // Given the sample loaded (the fixture)
        // When
        var report = await ReportOfAsync(sample.Database);

        // Then the classes cover the song match's events, each once, and the first class is exactly the plays
        var classes = report.MissingPlays.Classes;
        Assert.Equal(PlayClasses.All.Select(c => c.Name), classes.Select(c => c.Name));
        Assert.Equal(report.SongMatch.NextSongEvents, report.MissingPlays.NextSongEvents);
        Assert.Equal(report.SongMatch.NextSongEvents, classes.Sum(c => c.Events));
        Assert.Equal(report.SongMatch.Matched, classes[0].Events);
        Assert.Equal(await sample.Database.ScalarAsync<long>("select count(*) from songplays"), classes[0].Events);
        Assert.Equal(1.0, classes.Sum(c => c.Share!.Value), 12);
        Assert.All(classes, c => Assert.Equal((double)c.Events / report.MissingPlays.NextSongEvents, c.Share));
    }

    [Fact]
    public async Task Each_class_follows_its_rule_and_names_the_nearest_catalogue_song()
    {
        // Given a catalogue with two songs "Alpha" by Ann, one by Bob, one "Beta" by Cy; and events that ask for:
        Song("SOAAA1", "Alpha", "Ann", 200.5);
        Song("SOAAA2", "Alpha", "Ann", 210.0);
        Song("SOBBB1", "Alpha", "Bob", 190.0);
        Song("SOCCC1", "Beta", "Cy", 100.0);
        Log("2018-11-01", [
            Event(1, "Alpha", "Ann", 200.5),  // matched
            Event(2, "Alpha", "Ann", 208.0),  // duration differs: Ann's 210.0 is nearer than her 200.5
            Event(3, "Alpha", "Dee", 195.0),  // other artist: Bob's 190.0 is nearest of every "Alpha"
            Event(4, "Gamma", "Ann", 200.5),  // not in the catalogue
            Event(5, "Beta", "Cy", 100.0),    // matched, and logged again below with another length: one event, its best copy
            Event(6, "Beta", "Dee", 100.0),   // other artist, twice
            Event(7, "Beta", "Dee", 100.0),
            """{"artist":null,"auth":"Logged Out","firstName":null,"gender":null,"itemInSession":0,"lastName":null,"length":null,"level":"free","location":null,"method":"GET","page":"Home","registration":null,"sessionId":9,"song":null,"status":200,"ts":1541038500000,"userAgent":null,"userId":""}""",
        ]);
        Log("2018-11-02", [Event(5, "Beta", "Cy", 101.0)]);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);

        // When
        var missing = (await ReportOfAsync(database)).MissingPlays;

        // Then
        Assert.Equal(7, missing.NextSongEvents);
        Assert.Equal([2L, 1L, 3L, 1L], missing.Classes.Select(c => c.Events));
        Assert.Equal<PlayExample>(
            [
                new("Alpha", "Ann", 200.5, 1, new NearestSong("SOAAA1", "Ann", 200.5)),
                new("Beta", "Cy", 100.0, 1, new NearestSong("SOCCC1", "Cy", 100.0)),
            ],
            missing.Classes[0].Examples);
        Assert.Equal<PlayExample>([new PlayExample("Alpha", "Ann", 208.0, 1, new NearestSong("SOAAA2", "Ann", 210.0))], missing.Classes[1].Examples);
        Assert.Equal<PlayExample>(
            [
                new("Beta", "Dee", 100.0, 2, new NearestSong("SOCCC1", "Cy", 100.0)),
                new("Alpha", "Dee", 195.0, 1, new NearestSong("SOBBB1", "Bob", 190.0)),
            ],
            missing.Classes[2].Examples);
        Assert.Equal<PlayExample>([new PlayExample("Gamma", "Ann", 200.5, 1, null)], missing.Classes[3].Examples);
        Assert.Equal(2, await database.ScalarAsync<long>("select count(*) from songplays"));
    }

    [Fact]
    public async Task The_page_shows_the_classes_as_a_chart_and_a_table_and_the_examples_as_a_table()
    {
        // Given the sample's report
        var report = await ReportOfAsync(sample.Database);

        // When it is written
        var files = ReportWriter.Write(report, Path.Combine(_input, "report"), "the sample", DateTime.UtcNow);
        var page = File.ReadAllText(files[0]);

        // Then both sections follow the song match, the classes with their chart, and each example row is in the page
        var sections = ReportSections.Of(report).Select(s => s.Id).ToList();
        Assert.Equal(["song-match", "missing-plays", "missing-play-examples"], sections.Skip(1).Take(3));
        Assert.Contains(files, f => f.EndsWith("missing-plays.svg", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.EndsWith("missing-play-examples.svg", StringComparison.Ordinal));
        var examples = ReportSections.Of(report).Single(s => s.Id == "missing-play-examples");
        Assert.Equal(report.MissingPlays.Classes.Sum(c => c.Examples.Count), examples.Table.Rows.Count);
        Assert.All(examples.Table.Rows.SelectMany(row => row), cell => Assert.Contains(System.Net.WebUtility.HtmlEncode(cell), page));
        Assert.Contains("title not in the catalogue", page);
    }

    private void Song(string songId, string title, string artist, double duration)
    {
        var folder = Path.Combine(_input, "song_data", songId[2..3]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"TR{songId}.json"), new JsonObject
        {
            ["num_songs"] = 1, ["artist_id"] = "AR" + artist.ToUpperInvariant(), ["artist_latitude"] = null, ["artist_longitude"] = null,
            ["artist_location"] = "", ["artist_name"] = artist, ["song_id"] = songId, ["title"] = title, ["duration"] = duration, ["year"] = 2000,
        }.ToJsonString());
    }

    private void Log(string day, string[] lines)
    {
        var folder = Path.Combine(_input, "log_data", "2018", "11");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{day}-events.json"), string.Join("\n", lines) + "\n");
    }

    /// <summary>A NextSong event of user 7 in session 1, the <paramref name="item"/>-th of the session; its item also sets its time.</summary>
    private static string Event(int item, string song, string artist, double length) => new JsonObject
    {
        ["artist"] = artist, ["auth"] = "Logged In", ["firstName"] = "Kim", ["gender"] = "F", ["itemInSession"] = item, ["lastName"] = "Lee",
        ["length"] = length, ["level"] = "free", ["location"] = "Austin, TX", ["method"] = "PUT", ["page"] = "NextSong",
        ["registration"] = 1540344794796.0, ["sessionId"] = 1, ["song"] = song, ["status"] = 200, ["ts"] = 1541038538873L + item * 1000,
        ["userAgent"] = "Mozilla/5.0", ["userId"] = "7",
    }.ToJsonString();

    private static string Json(MissingPlays missing) => JsonSerializer.Serialize(missing, ReportJson.Options);

    private static async Task<AnalyticsReport> ReportOfAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return await new AnalyticsReader(connection, new PlainReportObserver(TextWriter.Null)).ReadAsync(TestContext.Current.CancellationToken);
    }
}
