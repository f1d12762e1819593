using Sparkify.Loader.Cli;

return await LoaderCommands.RunAsync(args);
