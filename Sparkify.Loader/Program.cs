using System.CommandLine;
using Sparkify.Loader.Cli;

var root = new RootCommand("Loads Sparkify's song metadata and event logs into the warehouse's star schema.");
LoadCommand.Configure(root);
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(ConfigureCommand.Create());
root.Subcommands.Add(ExportCsvCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
return await root.Parse(args).InvokeAsync();
