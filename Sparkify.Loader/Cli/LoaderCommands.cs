using System.CommandLine;
using System.CommandLine.Invocation;

namespace Sparkify.Loader.Cli;

/// <summary>The loader's command tree, and the one way it runs: what Program.cs calls and what the tests enumerate.</summary>
internal static class LoaderCommands
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Loads Sparkify's song metadata and event logs into the warehouse's star schema.");
        root.Options.Add(CommonOptions.Verbose);
        LoadCommand.Configure(root);
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ServerCommand.Create());
        root.Subcommands.Add(ConfigureCommand.Create());
        root.Subcommands.Add(ExportCsvCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the verb they name; a mistake on the command line is one line and exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Create().Parse(args);
        // Before anything reads a value: reading one that failed to parse throws.
        if (parse.Action is ParseErrorAction)
            return UsageErrors.Write(parse, Console.Error);
        if (parse.Action == parse.CommandResult.Command.Action && ConfigFileOption.Check(parse, Console.Error) is { } failed)
            return failed;
        ErrorReporter.Verbose = parse.GetValue(CommonOptions.Verbose);
        // Ctrl-C or SIGTERM cancels the verb's token; the load then rolls back and records its run as interrupted, which takes a
        // moment on a busy server: the default 2 s grace would end the process first, leaving the run marked running.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }
}
