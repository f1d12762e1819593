using System.CommandLine;
using Sparkify.Loader.Engines;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Reporting;
using Sparkify.Loader.Staging;
using Sparkify.Server;
using Sparkify.Settings;
using Spectre.Console;

namespace Sparkify.Loader.Cli;

/// <summary>The default verb: load the JSON named in dwh.cfg into the warehouse and report what it holds.</summary>
internal static class LoadCommand
{
    public static void Configure(RootCommand root)
    {
        var config = CommonOptions.Config();
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Print every statement the load would run for the configured engine, in order (secrets masked), then which input " +
                          "files it would stage: the input listed and the ledger read if the database can be reached, nothing changed.",
        };
        var lockTimeout = new Option<int>("--lock-timeout")
        {
            Description = "Seconds to wait for another load against the same database to finish before giving up.",
            DefaultValueFactory = _ => 600,
        }.AcceptsWholeNumbers(min: 0);
        var maxErrors = new Option<int?>("--max-errors")
        {
            Description = "Bad input records a run may skip, on either engine (Redshift's COPY MAXERROR); they are kept in table load_errors. " +
                          "One more fails the run. Default: [S3] MAXERROR in dwh.cfg, else 0: the first bad record stops it, and nothing changes.",
        }.AcceptsWholeNumbers(min: 0);
        var fullReload = new Option<bool>("--full-reload")
        {
            Description = "Empty the staging tables, stage every input file again and rebuild the star tables from them, " +
                          "instead of transforming only the files no earlier run staged. Checks every row afterwards.",
        };
        var fullCheck = new Option<bool>("--full-check")
        {
            Description = "Run the data checks on every row of the star tables, not only on the rows this run wrote.",
        };
        var verifyInput = new Option<bool>("--verify-input")
        {
            Description = "Read and hash every listed input file, and restage a table whose staged file's content changed even though its size " +
                          "and write time (or ETag) did not. Reads all the input every run. Default: [S3] VERIFY_INPUT in dwh.cfg, else off.",
        };
        root.Options.Add(config);
        root.Options.Add(dryRun);
        root.Options.Add(fullReload);
        root.Options.Add(fullCheck);
        root.Options.Add(lockTimeout);
        root.Options.Add(maxErrors);
        root.Options.Add(verifyInput);
        root.SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(() => RunAsync(parse.GetValue(config)!, parse.GetValue(dryRun),
            new LoadSettings(TimeSpan.FromSeconds(parse.GetValue(lockTimeout)), parse.GetValue(maxErrors), parse.GetValue(fullReload),
                parse.GetValue(fullCheck), parse.GetValue(verifyInput)),
            cancellationToken)));
    }

    private sealed record LoadSettings(TimeSpan LockWait, int? MaxErrors, bool FullReload, bool FullCheck, bool VerifyInput);

    private static async Task<int> RunAsync(FileInfo configFile, bool dryRun, LoadSettings settings, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var loaded = DwhConfig.Load(configFile.FullName).PrintWarnings().CheckLocalInputs();
        // One setting for both engines: the option, else dwh.cfg's [S3] MAXERROR; Redshift's COPY is built with the same number.
        var config = settings.MaxErrors is { } maxErrors ? loaded with { MaxError = maxErrors } : loaded;
        // The option turns on for this run what [S3] VERIFY_INPUT turns on for every run.
        if (settings.VerifyInput)
            config = config with { VerifyInput = true };
        var engine = WarehouseEngines.For(config);
        if (dryRun)
        {
            PlanPrinter.Write(Console.Out, config, engine, LoadPlan.For(engine, config.Database));
            await StagingPreview.WriteAsync(Console.Out, config, engine.Stager, settings.FullReload, cancellationToken);
            return 0;
        }

        // The checks come from the EF model, whose first use costs a tenth of a second or more of start-up, most of it
        // EF's own: they are derived while the server is found or started, which mostly waits on other processes.
        var checks = Task.Run(() => engine.Checks, cancellationToken);
        _ = engine.Stager.StartListing(cancellationToken);
        await using var server = await WarehouseServers.OpenAsync(config, cancellationToken);
        await checks;
        console.MarkupLine($"target: {Markup.Escape(server.Description)}");

        WarehouseLoader Loader(ILoadObserver observer) => new(engine, server.ConnectionString, observer)
        {
            LockWait = settings.LockWait,
            MaxErrors = config.MaxError,
            FullReload = settings.FullReload,
            FullCheck = settings.FullCheck,
            Policy = InputPolicy.From(config),
            KeepsListing = ReferenceCounts.MayBeRealData,
        };

        LoadResult result;
        if (IsTerminal(console))
        {
            LoadResult? live = null;
            await console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context => live = await Loader(new LiveLoadObserver(context)).LoadAsync(cancellationToken));
            result = live!;
        }
        else
        {
            result = await Loader(new PlainLoadObserver(Console.Out)).LoadAsync(cancellationToken);
        }

        LoadReport.Write(console, result, await ReferenceCounts.ForAsync(config, result.Staged, cancellationToken));
        if (server is EmbeddedPostgres embedded)
            EmbeddedServerHints.Write(Console.Out, config, embedded);
        return 0;
    }

    private static bool IsTerminal(IAnsiConsole console) =>
        !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
}
