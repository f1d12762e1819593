using System.CommandLine;
using Spectre.Console;
using Sparkify.Data.Settings;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Reporting;
using Sparkify.Loader.Server;

namespace Sparkify.Loader.Cli;

/// <summary>The default verb: load the JSON named in dwh.cfg into the warehouse and report what it holds.</summary>
internal static class LoadCommand
{
    public static void Configure(RootCommand root)
    {
        var config = CommonOptions.Config();
        root.Options.Add(config);
        root.SetAction((parse, cancellationToken) =>
            ErrorReporter.RunAsync(() => RunAsync(parse.GetValue(config)!, cancellationToken)));
    }

    private static async Task<int> RunAsync(FileInfo configFile, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var config = DwhConfig.Load(configFile.FullName);
        var source = LoadSource.From(config);

        await using var server = await WarehouseServers.OpenAsync(config, cancellationToken);
        console.MarkupLine($"target: {Markup.Escape(server.Description)}");

        LoadResult result;
        if (IsTerminal(console))
        {
            LoadResult? live = null;
            await console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                    live = await new WarehouseLoader(server.ConnectionString, new LiveLoadObserver(context)).LoadAsync(source, cancellationToken));
            result = live!;
        }
        else
        {
            result = await new WarehouseLoader(server.ConnectionString, new PlainLoadObserver(Console.Out)).LoadAsync(source, cancellationToken);
        }

        LoadReport.Write(console, result, ReferenceCounts.For(source.SongData));
        if (server is EmbeddedPostgres embedded)
            EmbeddedServerHints.Write(Console.Out, config, embedded);
        return 0;
    }

    private static bool IsTerminal(IAnsiConsole console) =>
        !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
}
