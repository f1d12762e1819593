using Npgsql;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Generation;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Staging.Sources;
using Sparkify.Loader.Transform;
using Sparkify.Server;
using Sparkify.Settings;

namespace Sparkify.Loader.Cli;

/// <summary>
/// Turns the failures people can fix into one line that says what went wrong and what to do, and exit code 1;
/// <c>--verbose</c> adds the details (inner errors, stack). Anything else stays a crash with its stack: a bug.
/// </summary>
internal static class ErrorReporter
{
    /// <summary>Set from <c>--verbose</c> before any verb runs.</summary>
    public static bool Verbose { get; set; }

    public static async Task<int> RunAsync(Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (Exception e) when (Explain(e) is { } line)
        {
            // Plain stderr, unwrapped: the message names a file and line that people copy.
            Console.Error.WriteLine(line);
            if (Verbose)
                Console.Error.WriteLine(e);
            else if (e is NpgsqlException or IOException or UnauthorizedAccessException or HttpRequestException or Amazon.Runtime.AmazonServiceException)
                Console.Error.WriteLine("(--verbose shows the details.)");
            // 128 + SIGINT, as shells report a process that Ctrl-C stopped.
            return e is LoadInterruptedException ? 130 : 1;
        }
    }

    /// <summary>The one line for a failure people can fix, or null for one that is a bug.</summary>
    internal static string? Explain(Exception e) => e switch
    {
        LoadInterruptedException => $"interrupted: {e.Message}",
        InputException => $"error (bad input; nothing was changed): {e.Message}",
        RedshiftLoadException => $"error (Redshift COPY failed; nothing was changed): {e.Message}",
        TransformException => $"error (transform failed; the star tables were rolled back): {e.Message}",
        DataCheckException => $"error (data check failed; the star tables were rolled back): {e.Message}",
        LoadLockedException => $"error (another load is running): {e.Message}",
        ConfigurationException => $"error (configuration): {e.Message}",
        OutputFolderException => $"error (output folder): {e.Message}",
        PostgresException { SqlState: "42P01" } => $"error (database): {DatabaseFailures.Said(e)} The warehouse lacks that table: load it first " +
            "(dotnet run --project Sparkify.Loader), which builds the schema.",
        _ when DatabaseFailures.Explain(e) is { } line => line,
        NpgsqlException => $"error (database): {DatabaseFailures.Said(e)}",
        HttpRequestException => $"error (S3 unreachable): {e.Message}. Check [S3] ENDPOINT (empty for AWS itself) and this machine's network.",
        Amazon.Runtime.AmazonServiceException s3 => $"error (S3): {e.Message} (HTTP {(int)s3.StatusCode}{(s3.ErrorCode is { } code ? ", " + code : "")}). " +
            "Check the bucket and prefix in [S3] and the credentials' rights to them.",
        UnauthorizedAccessException => $"error (permission): {e.Message}",
        InputChangedException => $"error (input changed while it was read; nothing was changed): {e.Message}",
        IOException => $"error (file system): {e.Message}",
        _ when e.InnerException is { } inner && e is InvalidOperationException or AggregateException => Explain(inner),
        _ => null,
    };
}
