using System.IO.Compression;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>Which files are input is one rule, and nothing under an input folder is read twice or skipped without a word.</summary>
public sealed class InputRuleTests(SampleWarehouse sample) : IClassFixture<SampleWarehouse>, IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-input-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private string Logs => Path.Combine(_input, "log_data", "2018", "11");
    private string Songs => Path.Combine(_input, "song_data");

    private static string Day(int day) => $"2018-11-{day:00}-events";

    private Task<LoadResult> LoadAsync(TestDatabase database, RecordingObserver? observer = null, InputPolicy? policy = null) =>
        new WarehouseLoader(new PostgresEngine(InputSources.Local(Songs, Path.Combine(_input, "log_data"))), database.ConnectionString,
                observer ?? new RecordingObserver()) { Policy = policy ?? InputPolicy.Default }
            .LoadAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Gzip_jsonl_ndjson_and_upper_case_logs_are_read_like_json()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        Gzip(Path.Combine(Logs, Day(3) + ".json"), Path.Combine(Logs, Day(3) + ".json.gz"));
        File.Move(Path.Combine(Logs, Day(5) + ".json"), Path.Combine(Logs, Day(5) + ".jsonl"));
        File.Move(Path.Combine(Logs, Day(6) + ".json"), Path.Combine(Logs, Day(6) + ".JSON"));
        Gzip(Path.Combine(Logs, Day(7) + ".json"), Path.Combine(Logs, Day(7) + ".ndjson.gz"));
        await using var database = await TestDatabase.CreateMigratedAsync();

        var result = await LoadAsync(database);

        Assert.Equal(3000, result.RowsIn("staging_events"));
        Assert.Equal(await sample.Database.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task A_damaged_gzip_file_is_bad_input_naming_it()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        var damaged = Path.Combine(Logs, Day(3) + ".json.gz");
        Gzip(Path.Combine(Logs, Day(3) + ".json"), damaged);
        var bytes = File.ReadAllBytes(damaged);
        File.WriteAllBytes(damaged, [.. bytes[..(bytes.Length / 2)], .. new byte[64]]);
        await using var database = await TestDatabase.CreateMigratedAsync();

        var error = await Assert.ThrowsAsync<InputException>(() => LoadAsync(database));

        Assert.Equal(damaged, error.File);
    }

    [Fact]
    public async Task Files_beside_the_input_are_named_in_a_warning_or_stop_the_run_when_asked()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        File.WriteAllText(Path.Combine(_input, "log_data", "README.txt"), "notes");
        File.WriteAllText(Path.Combine(Logs, "2018-11-31-events.csv"), "ts,page");
        await using var database = await TestDatabase.CreateMigratedAsync();
        var observer = new RecordingObserver();

        await LoadAsync(database, observer);
        await using var strict = await TestDatabase.CreateMigratedAsync();
        var error = await Assert.ThrowsAsync<InputException>(() => LoadAsync(strict, policy: new InputPolicy { OtherFilesAreErrors = true }));

        Assert.Equal([Path.Combine(Logs, "2018-11-31-events.csv"), Path.Combine(_input, "log_data", "README.txt")],
            observer.SelectionOf("staging_events").Others);
        Assert.Contains("[S3] OTHER_FILES = error", error.Message);
        Assert.Contains("2 such file(s)", error.Message);
    }

    [Fact]
    public async Task An_input_folder_with_no_input_file_is_an_error_until_a_run_has_loaded_from_it()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input, file => !file.Contains("log_data", StringComparison.Ordinal));
        Directory.CreateDirectory(Logs);
        File.WriteAllText(Path.Combine(Logs, "notes.txt"), "not a log");
        await using var database = await TestDatabase.CreateMigratedAsync();

        var error = await Assert.ThrowsAsync<InputException>(() => LoadAsync(database));
        FileTree.Copy(SampleWarehouse.Folder, _input, file => file.Contains("log_data", StringComparison.Ordinal));
        await LoadAsync(database);
        foreach (var log in Directory.GetFiles(Logs, "*.json"))
            File.Delete(log); // archived away after a successful load
        var later = await LoadAsync(database);

        Assert.Equal(Path.Combine(_input, "log_data"), error.File);
        Assert.Contains("holds no input file", error.Message);
        Assert.Contains("notes.txt", error.Message);
        Assert.Equal(0, later.Staged!.Events.Files);
    }

    [Fact]
    public async Task A_symbolic_link_back_up_the_tree_is_named_and_every_song_is_staged_once()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        var link = Path.Combine(Songs, "1", "loop");
        Directory.CreateSymbolicLink(link, "..");
        await using var database = await TestDatabase.CreateMigratedAsync();
        var observer = new RecordingObserver();

        var result = await LoadAsync(database, observer);

        Assert.Equal(300, result.RowsIn("staging_songs"));
        Assert.Contains($"{link} links back to {Songs}", Assert.Single(observer.SelectionOf("staging_songs").Cycles));
    }

    [Fact]
    public async Task Two_links_back_up_the_tree_neither_hang_the_run_nor_stage_a_song_twice()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        Directory.CreateSymbolicLink(Path.Combine(Songs, "1", "loop"), "..");
        Directory.CreateSymbolicLink(Path.Combine(Songs, "2", "loop"), "../..");
        await using var database = await TestDatabase.CreateMigratedAsync();
        var observer = new RecordingObserver();

        var result = await LoadAsync(database, observer).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(300, result.RowsIn("staging_songs"));
        Assert.Equal(2, observer.SelectionOf("staging_songs").Cycles.Count);
    }

    [Fact]
    public async Task A_file_reached_through_two_links_is_staged_once()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        var first = Path.Combine(_input, "extra-a");
        Directory.CreateSymbolicLink(first, Path.Combine(Songs, "1"));
        Directory.CreateSymbolicLink(Path.Combine(Songs, "again"), first);
        await using var database = await TestDatabase.CreateMigratedAsync();

        var result = await LoadAsync(database);

        Assert.Equal(300, result.RowsIn("staging_songs"));
    }

    [Theory]
    [InlineData(32503680000000, "3000-01-01 00:00:00 UTC")]
    [InlineData(-1, "1969-12-31 23:59:59 UTC")]
    public async Task An_event_time_outside_the_plausible_window_is_bad_input_with_file_and_line(long ts, string when)
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        var file = Path.Combine(Logs, Day(30) + ".json");
        var lines = File.ReadAllLines(file);
        lines[^1] = lines[^1].Replace($"\"ts\":{Ts(lines[^1])}", $"\"ts\":{ts}", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);
        await using var database = await TestDatabase.CreateMigratedAsync();

        var error = await Assert.ThrowsAsync<InputException>(() => LoadAsync(database));

        Assert.Equal((file, (long)lines.Length), (error.File, error.Line));
        Assert.Contains($"\"ts\" is {ts} ({when}), outside the plausible event times", error.Message);
    }

    private static string Ts(string line) => line[(line.IndexOf("\"ts\":", StringComparison.Ordinal) + 5)..].Split(',', '}')[0];

    /// <summary>Replaces <paramref name="plain"/> by its gzip-compressed copy <paramref name="compressed"/>.</summary>
    private static void Gzip(string plain, string compressed)
    {
        using (var input = File.OpenRead(plain))
        using (var output = new GZipStream(File.Create(compressed), CompressionLevel.Fastest))
            input.CopyTo(output);
        File.Delete(plain);
    }
}
