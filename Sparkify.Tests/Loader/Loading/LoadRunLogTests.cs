using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>Every run leaves a row in load_runs, whether it succeeds or fails.</summary>
public sealed class LoadRunLogTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-runs-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    [Fact]
    public async Task Runs_are_recorded_with_source_files_rows_and_outcome()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        await using var database = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(database, _input);
        File.AppendAllText(Directory.EnumerateFiles(Path.Combine(_input, "log_data"), "*.json", SearchOption.AllDirectories).Order().First(), "\n{oops");

        await Assert.ThrowsAsync<InputException>(() => Warehouse.LoadAsync(database, _input));

        var runs = await database.RowsAsync("""
            select run_id, outcome, files, songplays_rows, errors, message, source, finished_at >= started_at
            from load_runs order by run_id
            """);
        Assert.Equal(2, runs.Count);
        Assert.Equal(("succeeded", 330, 648L, 0), ((string)runs[0][1]!, (int)runs[0][2]!, (long)runs[0][3]!, (int)runs[0][4]!));
        Assert.Contains(Path.Combine(_input, "log_data"), (string)runs[0][6]!);
        Assert.True((bool)runs[0][7]!);
        Assert.Equal("failed", runs[1][1]);
        Assert.Contains("2018-11-01-events.json, line ", (string)runs[1][5]!);
        Assert.Null(runs[1][3]);
    }
}
