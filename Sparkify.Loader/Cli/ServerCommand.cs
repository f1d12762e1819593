using System.CommandLine;
using Sparkify.Server;
using Sparkify.Settings;
using Spectre.Console;

namespace Sparkify.Loader.Cli;

/// <summary><c>server start|stop</c>: run or stop the embedded PostgreSQL without loading anything.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var start = new Command("start", "Start the embedded PostgreSQL (or attach to it) and print how to connect.") { config };
        start.SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(async () =>
        {
            var settings = DwhConfig.Load(parse.GetValue(config)!.FullName).PrintWarnings();
            await using var server = await WarehouseServers.StartLocalAsync(EmbeddedDataFolder.For(settings), settings.Database, throwaway: false,
                cancellationToken);
            Console.WriteLine($"Running: {server.Description}");
            if (server is EmbeddedPostgres embedded)
                EmbeddedServerHints.Write(Console.Out, settings, embedded);
            return 0;
        }));

        var stop = new Command("stop", "Stop the embedded PostgreSQL; its data stays for the next run.") { config };
        stop.SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(async () =>
        {
            var settings = DwhConfig.Load(parse.GetValue(config)!.FullName).PrintWarnings();
            var stopped = await EmbeddedPostgres.StopAsync(EmbeddedDataFolder.For(settings), cancellationToken);
            AnsiConsole.WriteLine(stopped ? "Stopped the embedded PostgreSQL." : "The embedded PostgreSQL was not running.");
            return 0;
        }));

        return new Command("server", "Manage the embedded PostgreSQL that the loader uses when [CLUSTER] HOST is empty.") { start, stop };
    }
}
