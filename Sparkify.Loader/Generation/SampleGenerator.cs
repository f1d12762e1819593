using System.Text.Json;

namespace Sparkify.Loader.Generation;

/// <summary>Writes a deterministic, Sparkify-shaped data set: song files, daily event logs, the JSONPaths file, and a report.</summary>
public static class SampleGenerator
{
    public static GenerationReport Generate(GeneratorOptions options)
    {
        var random = new Random(options.Seed);
        var songData = Path.Combine(options.Output, "song_data");
        var logData = Path.Combine(options.Output, "log_data");
        foreach (var folder in new[] { songData, logData })
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);

        var catalog = SongCatalog.Create(options, random);
        var songFiles = catalog.WriteFiles(songData);
        var simulator = new EventSimulator(options, catalog, random);
        simulator.WriteFiles(logData);
        var report = simulator.Report(songFiles);

        File.WriteAllText(Path.Combine(options.Output, "log_json_path.json"), JsonPathsFile);
        File.WriteAllText(Path.Combine(options.Output, GenerationReport.FileName), JsonSerializer.Serialize(report, GenerationReport.JsonOptions) + "\n");
        return report;
    }

    /// <summary>The JSONPaths file Redshift's COPY uses for the event logs, one path per staging_events column, in order.</summary>
    public static string JsonPathsFile =>
        "{\n  \"jsonpaths\": [\n" +
        string.Join(",\n", Staging.StagingTable.Events.Columns.Select(c => $"    \"$['{c.JsonKey}']\"")) +
        "\n  ]\n}\n";
}
