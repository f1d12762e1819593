using Sparkify.Loader.Analytics;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>
/// Why plays go missing on the real data, against the figures its README states, computed there independently of this project
/// (PostgreSQL and plain Python): 6,820 NextSong events, 319 matching on title, artist name and duration, 333 on title and artist.
/// </summary>
[EndToEnd("reads the real data set")]
public sealed class MissingPlaysRealDataTests(RealDataWarehouse warehouse) : IClassFixture<RealDataWarehouse>
{
    [Fact]
    public async Task The_classes_sum_to_the_data_set_s_NextSong_events_and_agree_with_its_independent_figures()
    {
        // Given the real data loaded (the fixture)
        DataPaths.RequireRealData();

        // When
        await using var connection = await warehouse.Database.OpenAsync();
        var report = await new AnalyticsReader(connection, new PlainReportObserver(TextWriter.Null)).ReadAsync(TestContext.Current.CancellationToken);

        // Then
        var classes = report.MissingPlays.Classes.ToDictionary(c => c.Name, c => c.Events);
        Assert.Equal(6_820, report.MissingPlays.NextSongEvents);
        Assert.Equal(6_820, classes.Values.Sum());
        Assert.Equal(319, classes["matched"]);
        Assert.Equal(333, classes["matched"] + classes["durationDiffers"]);
    }
}
