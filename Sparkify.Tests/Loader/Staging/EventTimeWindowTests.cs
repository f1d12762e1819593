namespace Sparkify.Tests.Loader.Staging;

/// <summary><c>[S3] EARLIEST_EVENT</c> and <c>LATEST_EVENT</c> in dwh.cfg narrow the plausible event times the loader accepts.</summary>
[EndToEnd("starts the loader")]
public sealed class EventTimeWindowTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-window-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The sample's logs hold one day each, 2018-11-01 to 2018-11-30: narrowing the window by a day from either end
    // makes the first event of that end's file the first one out of it.
    [Theory]
    [InlineData("EARLIEST_EVENT = 2018-11-02", "2018-11-01-events.json")]
    [InlineData("LATEST_EVENT = 2018-11-30T00:00:00", "2018-11-30-events.json")]
    public async Task A_narrowed_window_rejects_an_event_outside_it_naming_file_and_line(string setting, string file)
    {
        // Given the sample, with one end of the window moved inside its days
        await using var database = await TestDatabase.CreateMigratedAsync();
        var config = database.WriteConfig(_folder, SampleWarehouse.Folder);
        File.AppendAllLines(config, [setting]); // the file ends in its [S3] section

        // When
        var load = await ProcessRun.LoaderAsync(["--config", config]);

        // Then
        Assert.Equal(1, load.ExitCode);
        var expected = $"error (bad input; nothing was changed): {Path.Combine(SampleWarehouse.Folder, "log_data", "2018", "11", file)}, line 1: \"ts\" is ";
        Assert.Contains(expected, load.Output.ReplaceLineEndings(""));
        Assert.Contains("outside the plausible event times", load.Output.ReplaceLineEndings(""));
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from songplays"));
    }
}
