using System.Text.Json;
using Sparkify.Loader.Generation;
using Sparkify.Loader.Model;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Sources;
using Sparkify.Settings;

namespace Sparkify.Loader.Reporting;

/// <summary>The row counts a load should produce, to print beside the actual ones.</summary>
public sealed record ReferenceCounts(string Label, IReadOnlyDictionary<string, long> Rows)
{
    /// <summary>The acceptance counts for the real data set (see docs/design.md, "Differences from the reference counts").</summary>
    public static ReferenceCounts RealDataSet { get; } = new("reference (real data)", new Dictionary<string, long>
    {
        [WarehouseTables.StagingEvents] = 8_056,
        [WarehouseTables.StagingSongs] = 14_896,
        [WarehouseTables.Songs] = 14_896,
        [WarehouseTables.Artists] = 9_553,
        [WarehouseTables.Users] = 96,
        [WarehouseTables.SongPlays] = 319,
        [WarehouseTables.Time] = 319,
    });

    /// <summary>
    /// The <see cref="InputFingerprint"/> of the real data set (14,896 song files, 30 log files): how it is recognised
    /// by its content wherever it lies, in a folder or a bucket. A test recomputes it from the data.
    /// </summary>
    public static InputFingerprint RealDataFingerprint { get; } =
        new(new InputShape(SongFiles: 14_896, SongBytes: 3_716_227, LogFiles: 30, LogBytes: 3_755_598), "7377f5add4f461f1a7483f8f9f480256");

    /// <summary>
    /// The reference for the input <paramref name="config"/> names, as <see cref="ForAsync(InputSources, FingerprintCache?, CancellationToken, InputShape?, ValueTuple{IReadOnlyList{InputObject}, IReadOnlyList{InputObject}}?)"/>
    /// with this user's cache; <c>--verify-input</c> reads every file, as it does for the ledger. What a load listed
    /// (<paramref name="staged"/>) is taken as it listed it: its sizes, and its files where it kept them (<see cref="MayBeRealData"/>).
    /// </summary>
    public static Task<ReferenceCounts?> ForAsync(DwhConfig config, StagedTables? staged, CancellationToken cancellationToken) =>
        ForAsync(InputSources.From(config), config.VerifyInput ? null : FingerprintCache.ForUser(), cancellationToken,
            staged is { Songs.ListedSize: { } songs, Events.ListedSize: { } logs } ? new InputShape(songs.Files, songs.Bytes, logs.Files, logs.Bytes) : null,
            staged is { Songs.Listed: { } songFiles, Events.Listed: { } logFiles } ? (songFiles, logFiles) : null);

    /// <summary>
    /// Whether a listing of <paramref name="size"/> may be the real data set's input for <paramref name="table"/>: a load keeps only
    /// such a listing for the report, which then needs no listing of its own; any other is released once staged.
    /// </summary>
    public static bool MayBeRealData(StagingTable table, ListingSize size)
    {
        var shape = RealDataFingerprint.Shape;
        return size == (table == StagingTable.Songs ? new ListingSize(shape.SongFiles, shape.SongBytes) : new ListingSize(shape.LogFiles, shape.LogBytes));
    }

    /// <summary>
    /// A generated sample's own report; the real data set's acceptance counts when the input's content is the real data
    /// set's; else none, for counts of other data compared with these would all differ and say nothing. Without a
    /// <paramref name="cache"/>, an input shaped like the real data set is read whole to tell.
    /// </summary>
    public static async Task<ReferenceCounts?> ForAsync(InputSources input, FingerprintCache? cache, CancellationToken cancellationToken,
        InputShape? listedShape = null, (IReadOnlyList<InputObject> Songs, IReadOnlyList<InputObject> Logs)? listed = null)
    {
        if (GeneratorsReport(input.Songs.Location) is { } generated)
            return new("expected (generator's report)", generated.ExpectedRows());
        return await InputFingerprint.MatchesAsync(input, RealDataFingerprint, cache, cancellationToken, listedShape, listed) ? RealDataSet : null;
    }

    /// <summary>The generator writes its report beside the song_data folder it fills.</summary>
    private static GenerationReport? GeneratorsReport(string songData)
    {
        if (S3Location.IsS3(songData))
            return null;
        var report = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(songData))) ?? ".", GenerationReport.FileName);
        return File.Exists(report) ? JsonSerializer.Deserialize<GenerationReport>(File.ReadAllText(report), GenerationReport.JsonOptions) : null;
    }
}
