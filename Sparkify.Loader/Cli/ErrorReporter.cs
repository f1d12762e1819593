using Npgsql;
using Sparkify.Data.Settings;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Server;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Cli;

/// <summary>Turns the failures people can fix into one clear message and exit code 1; the rest stay as crashes with a stack.</summary>
internal static class ErrorReporter
{
    public static async Task<int> RunAsync(Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (Exception e) when (e is InputException or RedshiftLoadException or DataCheckException or LoadLockedException or ConfigurationException or EmbeddedServerException or TransformException
                                      or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            var what = e switch
            {
                InputException => "bad input; nothing was changed",
                RedshiftLoadException => "Redshift COPY failed; nothing was changed",
                TransformException => "transform failed; the star tables were rolled back",
                DataCheckException => "data check failed; the star tables were rolled back",
                LoadLockedException => "another load is running",
                ConfigurationException => "configuration",
                EmbeddedServerException => "embedded PostgreSQL",
                NpgsqlException => "database",
                _ => "file system",
            };
            // Plain stderr, unwrapped: the message names a file and line that people copy.
            Console.Error.WriteLine($"error ({what}): {e.Message}");
            return 1;
        }
    }
}
