using System.Text.Json;
using Sparkify.Loader.Generation;

namespace Sparkify.Loader.Reporting;

/// <summary>The row counts a load should produce, to print beside the actual ones.</summary>
public sealed record ReferenceCounts(string Label, IReadOnlyDictionary<string, long> Rows)
{
    /// <summary>The acceptance counts for the real data set (see README, "Differences from the reference counts").</summary>
    public static ReferenceCounts RealDataSet { get; } = new("reference (real data)", new Dictionary<string, long>
    {
        ["staging_events"] = 8_056,
        ["staging_songs"] = 14_896,
        ["songs"] = 14_896,
        ["artists"] = 9_553,
        ["users"] = 96,
        ["songplays"] = 319,
        ["time"] = 319,
    });

    /// <summary>The generator's own report when the input is a generated sample, else the real data set's counts.</summary>
    public static ReferenceCounts For(string? songData)
    {
        if (songData is null || songData.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            return RealDataSet;
        var report = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(songData)) ?? ".", GenerationReport.FileName);
        if (!File.Exists(report))
            return RealDataSet;
        var generated = JsonSerializer.Deserialize<GenerationReport>(File.ReadAllText(report), GenerationReport.JsonOptions)!;
        return new("expected (generator's report)", generated.ExpectedRows());
    }
}
