using System.CommandLine;

namespace Sparkify.Loader.Cli;

internal static class CommonOptions
{
    /// <summary>On every verb: a failure's details (inner errors, stack) after its one-line explanation.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "After an error's one-line explanation, print its details (inner errors and stack trace).",
        Recursive = true,
    };

    public static Option<FileInfo> Config() => new("--config")
    {
        Description = "The settings file (INI with [CLUSTER], [IAM_ROLE], [S3]); relative paths in it resolve against its folder.",
        DefaultValueFactory = _ => new FileInfo("dwh.cfg"),
    };
}
