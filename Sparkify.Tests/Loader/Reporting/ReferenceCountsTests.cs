using Sparkify.Loader.Generation;
using Sparkify.Loader.Reporting;
using Spectre.Console;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>
/// The load report compares only with what it knows: a generated sample with its generator's report, the real data set
/// (known by its content, wherever it lies) with its acceptance counts, anything else with nothing.
/// </summary>
public sealed class ReferenceCountsTests : IDisposable
{
    private readonly string _view = Directory.CreateTempSubdirectory("sparkify-reference-").FullName;

    public void Dispose() => Directory.Delete(_view, recursive: true);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static InputSources Input(string folder) =>
        InputSources.Local(Path.Combine(folder, "song_data"), Path.Combine(folder, "log_data"));

    /// <summary>A view of the real data set through symbolic links (nothing is copied): the song folder, and the log files <paramref name="which"/> keeps.</summary>
    private string LinkRealData(Func<string, bool> which)
    {
        var real = DataPaths.RequireRealData();
        Directory.CreateSymbolicLink(Path.Combine(_view, "song_data"), Path.Combine(real, "song_data"));
        foreach (var log in Directory.EnumerateFiles(Path.Combine(real, "log_data"), "*.json", SearchOption.AllDirectories).Where(which))
        {
            var link = Path.Combine(_view, Path.GetRelativePath(real, log));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, log);
        }
        return _view;
    }

    [Fact]
    public async Task A_generated_sample_is_compared_with_its_generators_report()
    {
        var reference = await ReferenceCounts.ForAsync(Input(SampleWarehouse.Folder), cache: null, Cancellation);

        Assert.Equal("expected (generator's report)", reference?.Label);
        Assert.Equal(648, reference!.Rows["songplays"]);
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public async Task The_real_data_set_is_compared_with_its_acceptance_counts()
    {
        var real = DataPaths.RequireRealData();

        var reference = await ReferenceCounts.ForAsync(Input(real), cache: null, Cancellation);

        Assert.Same(ReferenceCounts.RealDataSet, reference);
    }

    [Fact]
    public async Task A_run_that_listed_another_shape_than_the_real_data_sets_gets_no_reference_without_a_listing()
    {
        // Given the real data set's folders, and a run whose listing found one log file fewer than they hold
        var real = DataPaths.RequireRealData();
        var shape = ReferenceCounts.RealDataFingerprint.Shape;

        // When
        var reference = await ReferenceCounts.ForAsync(Input(real), cache: null, Cancellation,
            listedShape: shape with { LogFiles = shape.LogFiles - 1 });

        // Then the run's shape decides: the folders, which would match, are not listed again
        Assert.Null(reference);
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public async Task A_run_that_listed_the_real_data_sets_shape_gets_its_reference_from_the_content()
    {
        var real = DataPaths.RequireRealData();

        var reference = await ReferenceCounts.ForAsync(Input(real), cache: null, Cancellation, listedShape: ReferenceCounts.RealDataFingerprint.Shape);

        Assert.Same(ReferenceCounts.RealDataSet, reference);
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public async Task The_real_data_set_is_recognised_by_its_content_at_another_path()
    {
        // Given a copy of the real data (not links, which the walk resolves back to the original) under other folder names
        var real = DataPaths.RequireRealData();
        FileTree.Copy(Path.Combine(real, "song_data"), Path.Combine(_view, "elsewhere", "songs"));
        FileTree.Copy(Path.Combine(real, "log_data"), Path.Combine(_view, "elsewhere", "events"));

        // When
        var reference = await ReferenceCounts.ForAsync(
            InputSources.Local(Path.Combine(_view, "elsewhere", "songs"), Path.Combine(_view, "elsewhere", "events")), cache: null, Cancellation);

        // Then
        Assert.Same(ReferenceCounts.RealDataSet, reference);
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public async Task The_real_data_set_with_one_file_changed_to_the_same_size_gets_no_reference()
    {
        // Given a copy of the real data whose first log file says NextSonG for NextSong once: same names, same sizes
        var real = DataPaths.RequireRealData();
        FileTree.Copy(real, _view);
        var changed = Directory.EnumerateFiles(Path.Combine(_view, "log_data"), "*.json", SearchOption.AllDirectories).Order().First();
        var text = File.ReadAllText(changed);
        var at = text.IndexOf("NextSong", StringComparison.Ordinal);
        File.WriteAllText(changed, string.Concat(text.AsSpan(0, at), "NextSonG", text.AsSpan(at + "NextSong".Length)));
        Assert.Equal(ReferenceCounts.RealDataFingerprint.Shape, (await InputFingerprint.OfAsync(Input(_view), Cancellation)).Shape);

        // When
        var reference = await ReferenceCounts.ForAsync(Input(_view), cache: null, Cancellation);

        // Then
        Assert.Null(reference);
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public async Task The_real_data_set_less_one_log_file_gets_no_reference()
    {
        var view = LinkRealData(log => !log.EndsWith("2018-11-30-events.json", StringComparison.Ordinal));

        var reference = await ReferenceCounts.ForAsync(Input(view), cache: null, Cancellation);

        Assert.Null(reference);
    }

    [Fact]
    public async Task Other_data_gets_no_reference()
    {
        // Given the sample without its generator's report: data the loader knows nothing about
        FileTree.Copy(SampleWarehouse.Folder, _view, file => Path.GetFileName(file) != GenerationReport.FileName);

        // When
        var reference = await ReferenceCounts.ForAsync(Input(_view), cache: null, Cancellation);

        // Then
        Assert.Null(reference);
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public async Task The_real_data_fingerprint_is_the_one_its_content_gives()
    {
        var real = DataPaths.RequireRealData();

        var fingerprint = await InputFingerprint.OfAsync(Input(real), Cancellation);

        Assert.Equal(ReferenceCounts.RealDataFingerprint, fingerprint);
    }

    [Fact]
    public void Without_a_reference_the_report_prints_the_counts_alone()
    {
        // Given a load's counts and no reference
        var result = new LoadResult([(LoadStage.Transform, TimeSpan.FromSeconds(1))], [], [("songplays", 648L), ("time", 648L)]);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });

        // When
        LoadReport.Write(console, result, reference: null);

        // Then
        var header = output.ToString().Split('\n').First(line => line.StartsWith('│'));
        Assert.Equal(["table", "rows"], header.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("matches", output.ToString());
        Assert.DoesNotContain("differs", output.ToString());
    }
}
