using System.CommandLine;
using Sparkify.Loader.Cli;

var root = new RootCommand("Loads Sparkify's song metadata and event logs into the warehouse's star schema.");
root.Options.Add(CommonOptions.Verbose);
LoadCommand.Configure(root);
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(ConfigureCommand.Create());
root.Subcommands.Add(ExportCsvCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
var parse = root.Parse(args);
ErrorReporter.Verbose = parse.GetValue(CommonOptions.Verbose);
return await parse.InvokeAsync();
