using System.CommandLine;

namespace Sparkify.Loader.Cli;

internal static class CommonOptions
{
    public static Option<FileInfo> Config() => new("--config")
    {
        Description = "The settings file (INI with [CLUSTER], [IAM_ROLE], [S3]); relative paths in it resolve against its folder.",
        DefaultValueFactory = _ => new FileInfo("dwh.cfg"),
    };
}
