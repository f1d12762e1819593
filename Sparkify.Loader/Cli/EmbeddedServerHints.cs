using Sparkify.Data.Settings;
using Sparkify.Loader.Server;

namespace Sparkify.Loader.Cli;

/// <summary>Tells people how to reach the embedded server the loader left running, and how to stop it.</summary>
internal static class EmbeddedServerHints
{
    public static void Write(TextWriter output, DwhConfig config, EmbeddedPostgres server)
    {
        // Plain writes: these are commands to copy, and must not be wrapped to the terminal's width.
        var configArgument = Path.GetFullPath("dwh.cfg") == config.Path ? "" : $" --config {config.Path}";
        output.WriteLine($"Query it:  psql \"host=127.0.0.1 port={server.Port} dbname={config.Database} user={EmbeddedPostgres.Superuser}\"");
        output.WriteLine($"Stop it:   dotnet run --project Sparkify.Loader -- server stop{configArgument}");
        output.WriteLine($"Its data stays in {config.EmbeddedDataRoot} for the next run.");
    }
}
