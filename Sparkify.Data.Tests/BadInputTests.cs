using Sparkify.Data.Tests.Infrastructure;
using Sparkify.Loader.Staging;

namespace Sparkify.Data.Tests;

/// <summary>Bad input stops the load with a message naming file and line, and leaves every table as it was.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-bad-").FullName;

    public BadInputTests()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
    }

    public void Dispose() => Directory.Delete(_input, recursive: true);

    [Theory]
    [InlineData("{\"artist\": oops}", "malformed JSON")]
    [InlineData("{\"ts\": \"yesterday\"}", "\"ts\" should be a whole number")]
    [InlineData("{\"sessionId\": 1, \"page\": \"NextSong\"", "truncated")]
    public async Task A_bad_event_line_stops_the_load_and_changes_nothing(string badLine, string problem)
    {
        await using var database = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(database, _input);
        var before = await database.SnapshotAsync();
        var logFile = Directory.EnumerateFiles(Path.Combine(_input, "log_data"), "*.json", SearchOption.AllDirectories).Order().Last();
        var lineNumber = File.ReadLines(logFile).Count() + 1;
        File.AppendAllText(logFile, "\n" + badLine);

        var error = await Assert.ThrowsAsync<InputException>(() => Warehouse.LoadAsync(database, _input));

        Assert.Equal((logFile, (long)lineNumber), (error.File, error.Line));
        Assert.Contains(problem, error.Message);
        Assert.Equal(before, await database.SnapshotAsync());
    }
}
