using System.CommandLine;
using Sparkify.Loader.Cloud;
using Sparkify.Settings;

namespace Sparkify.Loader.Cli;

/// <summary><c>configure</c>: write a deployed stack's engine, endpoint, port, database, user and role into dwh.cfg.</summary>
internal static class ConfigureCommand
{
    public static Command Create()
    {
        var config = CommonOptions.ConfigToWrite();
        var outputs = new Option<FileInfo>("--stack-outputs")
        {
            Description = "JSON from 'aws cloudformation describe-stacks' (the whole answer, or --query 'Stacks[0].Outputs') of a stack made from " +
                $"{StackTemplate.AllFiles}; its outputs tell which, and so whether ENGINE is redshift or {DwhConfig.ServerlessEngine}.",
            Required = true,
        };
        var command = new Command("configure", $"Point dwh.cfg at the Redshift cluster or Serverless workgroup of a stack made from {StackTemplate.AllFiles}.")
        {
            config,
            outputs,
        };
        command.SetAction((parse, _) => ErrorReporter.RunAsync(() =>
        {
            var target = parse.GetValue(config)!.FullName;
            var settings = StackOutputs.Read(parse.GetValue(outputs)!.FullName).Settings();
            IniFileEditor.Set(target, settings);
            foreach (var (section, key, value) in settings)
                Console.WriteLine($"{target}: [{section}] {key} = {value}");
            Console.WriteLine($"Set the password in {DwhConfig.PasswordVariable}; dwh.cfg never needs it.");
            return Task.FromResult(0);
        }));
        return command;
    }
}
