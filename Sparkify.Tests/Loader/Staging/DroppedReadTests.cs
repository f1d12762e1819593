using Sparkify.Loader.Cli;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// A read of a local file that drops at any point (before its first row, mid-row, after its first rows left for the
/// database, after a bad record, at its very end) goes on from there: the run stages what a clean run stages, each row
/// once and each bad record counted once, whatever the batches did meanwhile. A file changed under the read fails the run.
/// </summary>
/// <remarks>Batches are one row each here (<see cref="ParsePipeline.BatchBytesHere"/>), so rows leave mid-file wherever the drop is,
/// on a busy machine or an idle one alike.</remarks>
public sealed class DroppedReadTests(DroppedReadTests.Input input) : IClassFixture<DroppedReadTests.Input>
{
    /// <summary>The sample with a bad line and one more good line in its last log file, and what a clean load of it stages.</summary>
    public sealed class Input : IAsyncLifetime
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("sparkify-drops-").FullName;
        public string DroppedFile => Path.Combine(Folder, "log_data", "2018", "11", "2018-11-30-events.json");
        public IReadOnlyList<string> CleanRows { get; private set; } = [];
        public IReadOnlyList<string> CleanErrors { get; private set; } = [];

        public async ValueTask InitializeAsync()
        {
            FileTree.Copy(SampleWarehouse.Folder, Folder);
            File.AppendAllText(DroppedFile, "\n{\"artist\": oops}\n" + File.ReadLines(DroppedFile).First() + "\n");
            await using var database = await TestDatabase.CreateMigratedAsync();
            await LoadAsync(database, Folder, InputSources.Local(Path.Combine(Folder, "song_data"), Path.Combine(Folder, "log_data")));
            (CleanRows, CleanErrors) = (await StagedRowsAsync(database), await ErrorsAsync(database));
        }

        public ValueTask DisposeAsync()
        {
            Directory.Delete(Folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Where the first read of the file drops, by what lies there.</summary>
    public static TheoryData<string> DropPoints => ["before the first row", "in the middle of a row", "after rows left the parser's batch",
        "right after a bad record", "at the very end"];

    /// <summary>The byte offset of <paramref name="point"/> in <paramref name="file"/>, an NDJSON file with one bad line.</summary>
    internal static long OffsetOf(string point, byte[] file)
    {
        var lineStarts = new List<long> { 0 };
        for (var i = 0; i < file.Length; i++)
            if (file[i] == '\n')
                lineStarts.Add(i + 1);
        var badLine = System.Text.Encoding.UTF8.GetString(file).Split('\n').ToList().FindIndex(l => l.Contains("oops", StringComparison.Ordinal));
        return point switch
        {
            "before the first row" => 0,
            "in the middle of a row" => lineStarts[9] + 57,
            "after rows left the parser's batch" => lineStarts[59],
            "right after a bad record" => lineStarts[badLine + 1],
            "at the very end" => file.Length,
            _ => throw new ArgumentOutOfRangeException(nameof(point), point, null),
        };
    }

    [Theory]
    [MemberData(nameof(DropPoints))]
    public async Task A_read_that_drops_goes_on_where_it_stopped_and_stages_what_a_clean_load_stages(string point)
    {
        var bytes = File.ReadAllBytes(input.DroppedFile);
        var at = OffsetOf(point, bytes);
        var logs = new DroppingSource(new LocalFolderSource(Path.Combine(input.Folder, "log_data"), "LOG_DATA"), input.DroppedFile, at);
        await using var database = await TestDatabase.CreateMigratedAsync();

        var result = await LoadAsync(database, input.Folder, new InputSources(new LocalFolderSource(Path.Combine(input.Folder, "song_data"), "SONG_DATA"), logs));

        Assert.Equal(at < bytes.Length ? [at] : Array.Empty<long>(), logs.Resumed); // at the very end nothing is left to read again
        Assert.Equal(input.CleanRows, await StagedRowsAsync(database));
        Assert.Equal(1, result.BadRecords);
        Assert.Equal(input.CleanErrors, await ErrorsAsync(database));
    }

    [Fact]
    public async Task A_file_rewritten_while_its_read_was_down_fails_the_run_in_one_line_naming_it_and_changes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("sparkify-drops-changed-").FullName;
        try
        {
            FileTree.Copy(input.Folder, folder);
            var file = Path.Combine(folder, Path.GetRelativePath(input.Folder, input.DroppedFile));
            var logs = new DroppingSource(new LocalFolderSource(Path.Combine(folder, "log_data"), "LOG_DATA"), file, at: 5_000,
                onDrop: () => File.WriteAllText(file, File.ReadAllText(file).Replace("Logged In", "Logged Xn", StringComparison.Ordinal)));
            await using var database = await TestDatabase.CreateMigratedAsync();

            var error = await Assert.ThrowsAsync<InputChangedException>(() =>
                LoadAsync(database, folder, new InputSources(new LocalFolderSource(Path.Combine(folder, "song_data"), "SONG_DATA"), logs)));

            Assert.Equal(file, error.File);
            var line = ErrorReporter.Explain(error);
            Assert.NotNull(line);
            Assert.DoesNotContain('\n', line);
            Assert.StartsWith($"error (input changed while it was read; nothing was changed): {file} changed while it was being read", line);
            Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from staging_events"));
            Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from loaded_files"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_read_that_keeps_dropping_gives_up_after_a_bounded_number_of_reopens_and_changes_nothing()
    {
        var logs = new DroppingSource(new LocalFolderSource(Path.Combine(input.Folder, "log_data"), "LOG_DATA"), input.DroppedFile, at: 5_000,
            drops: int.MaxValue);
        await using var database = await TestDatabase.CreateMigratedAsync();

        var error = await Assert.ThrowsAsync<IOException>(() =>
            LoadAsync(database, input.Folder, new InputSources(new LocalFolderSource(Path.Combine(input.Folder, "song_data"), "SONG_DATA"), logs)));

        Assert.Contains("a read dropped by the test", error.Message);
        Assert.Equal(Enumerable.Repeat(5_000L, ResumingStream.MaxResumes), logs.Resumed);
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from staging_events"));
    }

    /// <summary>A load of <paramref name="sources"/> that may skip one bad record, in batches of one row each.</summary>
    internal static async Task<LoadResult> LoadAsync(TestDatabase database, string folder, InputSources sources)
    {
        ParsePipeline.BatchBytesHere.Value = 1;
        try
        {
            return await new WarehouseLoader(new PostgresEngine(sources), database.ConnectionString, new SilentObserver()) { MaxErrors = 1 }
                .LoadAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            ParsePipeline.BatchBytesHere.Value = null;
        }
    }

    /// <summary>Every staged event as JSON, without the run that staged it and its file's number there, in order: equal lists mean each row staged once.</summary>
    internal static async Task<IReadOnlyList<string>> StagedRowsAsync(TestDatabase database) =>
        [.. (await database.RowsAsync("select (to_jsonb(e) - 'run_id' - 'file_number')::text from staging_events e order by 1")).Select(r => (string)r[0]!)];

    internal static async Task<IReadOnlyList<string>> ErrorsAsync(TestDatabase database) =>
        [.. (await database.RowsAsync("select file || ':' || line || ': ' || reason from load_errors order by file, line")).Select(r => (string)r[0]!)];
}
