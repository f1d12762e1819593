using System.CommandLine;
using Sparkify.Loader.Staging;
using Sparkify.Settings;

namespace Sparkify.Loader.Cli;

/// <summary><c>export-csv</c>: flatten the configured input to one CSV file per staging table (for the benchmark's floor).</summary>
internal static class ExportCsvCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for staging_events.csv and staging_songs.csv.", Required = true };
        var command = new Command("export-csv", "Write the input as CSV, one file per staging table, parsed exactly as a load parses it.") { config, output };
        command.SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(async () =>
        {
            var sources = InputSources.From(DwhConfig.Load(parse.GetValue(config)!.FullName).PrintWarnings());
            var folder = Directory.CreateDirectory(parse.GetValue(output)!.FullName).FullName;
            foreach (var table in new[] { StagingTable.Events, StagingTable.Songs })
            {
                var path = Path.Combine(folder, table.Name + ".csv");
                var rows = await CsvExporter.ExportAsync(sources.For(table), table, path, cancellationToken);
                Console.WriteLine($"{path}: {rows:N0} rows");
            }
            return 0;
        }));
        return command;
    }
}
