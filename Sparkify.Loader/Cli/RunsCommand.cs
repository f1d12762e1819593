using System.CommandLine;
using Npgsql;
using Sparkify.Loader.Reporting;
using Sparkify.Server;
using Sparkify.Settings;
using Spectre.Console;

namespace Sparkify.Loader.Cli;

/// <summary><c>runs</c>: the latest rows of <c>load_runs</c>, the first thing to read after a failed night.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var last = new Option<int>("--last") { Description = "How many runs to list, the latest first (at least 1).", DefaultValueFactory = _ => 10 }.AcceptsWholeNumbers(min: 1);
        var command = new Command("runs",
            "List the latest load runs from table load_runs: when each started and how long it took, what it read, the files it staged, " +
            "the rows it added to every table (the change of its row count since the previous succeeded run; - where the run did not " +
            "succeed), the bad records it skipped, and how it ended (a failure's message names its file and line).")
        {
            config, last,
        };
        command.SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(async () =>
        {
            var settings = DwhConfig.Load(parse.GetValue(config)!.FullName);
            await using var server = await ReadOnlyServer.OpenAsync(settings, cancellationToken);
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            var runs = await RecentRuns.ReadAsync(connection, parse.GetValue(last), cancellationToken);
            var console = AnsiConsole.Console;
            // Redirected output has no width and Spectre would fold the table into 80 columns: a log keeps each run on one line.
            if (Console.IsOutputRedirected)
                console.Profile.Width = 1_000;
            RunsReport.Write(console, Console.Out, runs);
            return 0;
        }));
        return command;
    }
}
