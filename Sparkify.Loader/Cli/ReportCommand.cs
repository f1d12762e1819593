using System.CommandLine;
using Npgsql;
using Sparkify.Loader.Analytics;
using Sparkify.Server;
using Sparkify.Settings;
using Spectre.Console;

namespace Sparkify.Loader.Cli;

/// <summary><c>report</c>: runs the analytic queries against the warehouse and writes a page, charts and report.json.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var output = new Option<DirectoryInfo>("--output")
        {
            Description = "The folder to write index.html, report.json and charts/ (PNG and SVG) into; created if missing, " +
                          "and an earlier report's files in it are replaced.",
            DefaultValueFactory = _ => new DirectoryInfo("report"),
        };
        var command = new Command("report",
            "Run the analytic queries (Sparkify.Loader/Analytics/Sql, the same on PostgreSQL and Redshift) against the warehouse dwh.cfg " +
            "names and write what they found: index.html, one self-contained page with the headline figures, every chart and the table " +
            "behind it; each chart as PNG and SVG; and report.json, the figures alone, to diff two runs.")
        {
            config, output,
        };
        command.SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(() =>
            RunAsync(parse.GetValue(config)!, parse.GetValue(output)!, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo configFile, DirectoryInfo output, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var settings = DwhConfig.Load(configFile.FullName).PrintWarnings();
        await using var server = await ReadOnlyServer.OpenAsync(settings, cancellationToken);
        Console.Out.WriteLine($"source: {server.Description}");
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        AnalyticsReport report;
        if (!Console.IsOutputRedirected && console.Profile.Capabilities.Interactive)
        {
            AnalyticsReport? live = null;
            await console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                .StartAsync(async context => live = await new AnalyticsReader(connection, new LiveReportObserver(context)).ReadAsync(cancellationToken));
            report = live!;
        }
        else
        {
            Console.Out.WriteLine("queries:");
            report = await new AnalyticsReader(connection, new PlainReportObserver(Console.Out)).ReadAsync(cancellationToken);
        }

        var files = ReportWriter.Write(report, output.FullName, server.Description, DateTime.UtcNow);
        Console.Out.WriteLine($"Wrote {files.Count} files to {output.FullName}:");
        Console.Out.WriteLine($"  open {files[0]}");
        Console.Out.WriteLine($"  figures: {files[1]}; charts (PNG and SVG): {Path.Combine(output.FullName, ReportWriter.ChartFolder)}");
        return 0;
    }
}
