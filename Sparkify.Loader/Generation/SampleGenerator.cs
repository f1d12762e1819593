using System.Text.Json;

namespace Sparkify.Loader.Generation;

/// <summary>Writes a deterministic, Sparkify-shaped data set: song files, daily event logs, the JSONPaths file, and a report.</summary>
/// <remarks>
/// Everything is written into a hidden folder inside the output folder first (the same file system, so the end is a
/// rename), and moved into place only once all of it is written, replacing an earlier data set there. A run that fails
/// (a full disk, say) deletes that folder: the output folder keeps what it held before, and nothing of the run.
/// </remarks>
public static class SampleGenerator
{
    /// <summary>What a data set is made of, under the output folder; nothing else there is touched.</summary>
    private static readonly string[] Entries = ["song_data", "log_data", "log_json_path.json", GenerationReport.FileName];

    /// <summary>The folder a run writes into; one left by a run that was killed is deleted by the next.</summary>
    private const string Unfinished = ".generating";

    public static GenerationReport Generate(GeneratorOptions options)
    {
        var output = Path.GetFullPath(options.Output);
        var createdOutput = false;
        var unfinished = Path.Combine(output, Unfinished);
        try
        {
            if (FileInTheWay(output) is { } file)
                throw new OutputFolderException(output, file == output ? "it is a file, not a folder" : $"{file} is a file, not a folder");
            createdOutput = !Directory.Exists(output);
            Directory.CreateDirectory(output);
            if (Directory.Exists(unfinished))
                Directory.Delete(unfinished, recursive: true);
            Directory.CreateDirectory(unfinished);

            var report = Write(options, unfinished);
            foreach (var entry in Entries)
                Replace(Path.Combine(unfinished, entry), Path.Combine(output, entry));
            Directory.Delete(unfinished);
            return report;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Discard(unfinished, createdOutput ? output : null);
            throw new OutputFolderException(output, OutputFolderException.Cause(e), e);
        }
    }

    private static GenerationReport Write(GeneratorOptions options, string folder)
    {
        var random = new Random(options.Seed);
        var catalog = SongCatalog.Create(options, random);
        var songFiles = catalog.WriteFiles(Path.Combine(folder, "song_data"));
        var simulator = new EventSimulator(options, catalog, random);
        simulator.WriteFiles(Path.Combine(folder, "log_data"));
        var report = simulator.Report(songFiles);

        File.WriteAllText(Path.Combine(folder, "log_json_path.json"), JsonPathsFile);
        File.WriteAllText(Path.Combine(folder, GenerationReport.FileName), JsonSerializer.Serialize(report, GenerationReport.JsonOptions) + "\n");
        return report;
    }

    /// <summary>The output folder, or the folder above it nearest to it that exists, when that is a file.</summary>
    private static string? FileInTheWay(string output)
    {
        for (var at = output; !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
        {
            if (Directory.Exists(at))
                return null;
            if (File.Exists(at))
                return at;
        }
        return null;
    }

    /// <summary>Puts a written entry in place of the earlier one; a rename, which needs no space.</summary>
    private static void Replace(string written, string target)
    {
        if (Directory.Exists(target))
            Directory.Delete(target, recursive: true);
        if (Directory.Exists(written))
            Directory.Move(written, target);
        else
            File.Move(written, target, overwrite: true);
    }

    /// <summary>Deletes what a failed run wrote, and the output folder if the run created it; never hides the run's own error.</summary>
    private static void Discard(string unfinished, string? createdOutput)
    {
        try
        {
            if (Directory.Exists(unfinished))
                Directory.Delete(unfinished, recursive: true);
            if (createdOutput is not null && Directory.Exists(createdOutput) && !Directory.EnumerateFileSystemEntries(createdOutput).Any())
                Directory.Delete(createdOutput);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The run's error is the one to report; a folder that cannot be deleted either is named by it.
        }
    }

    /// <summary>The JSONPaths file Redshift's COPY uses for the event logs, one path per staging_events column, in order.</summary>
    public static string JsonPathsFile =>
        "{\n  \"jsonpaths\": [\n" +
        string.Join(",\n", Staging.StagingTable.Events.Columns.Select(c => $"    \"$['{c.JsonKey}']\"")) +
        "\n  ]\n}\n";
}
