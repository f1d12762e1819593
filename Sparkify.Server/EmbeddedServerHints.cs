using System.Text.RegularExpressions;
using Sparkify.Settings;

namespace Sparkify.Server;

/// <summary>
/// Tells people how to reach the embedded server a command left running, and how to stop it: lines to paste into a
/// POSIX shell, the same from the loader's verbs and from <c>dotnet ef</c>.
/// </summary>
public static partial class EmbeddedServerHints
{
    public static void Write(TextWriter output, DwhConfig config, EmbeddedPostgres server)
    {
        // Plain writes: these are commands to copy, and must not be wrapped to the terminal's width.
        output.WriteLine($"Query it:  psql -h 127.0.0.1 -p {server.Port} -U {EmbeddedPostgres.Superuser} -d {ShellQuote(PsqlDatabase(config.Database))}");
        output.WriteLine($"Stop it:   {StopCommand(config)}");
        output.WriteLine($"Its data stays in {server.DataRoot} for the next run.");
    }

    /// <summary>The line a command that only reads says when it had to start the server, which it leaves running as a load does.</summary>
    public static string Started(DwhConfig config, EmbeddedPostgres server) =>
        $"started the {server.Description}; it stays running for the next command. Stop it: {StopCommand(config)}";

    /// <summary>The command that loads the warehouse <paramref name="config"/> names.</summary>
    public static string LoadCommand(DwhConfig config) => $"dotnet run --project Sparkify.Loader{Arguments(config, "")}";

    private static string StopCommand(DwhConfig config) => $"dotnet run --project Sparkify.Loader{Arguments(config, "server stop")}";

    /// <summary>What follows <c>dotnet run</c>'s <c>--</c>: the verb, and <see cref="ConfigArgument"/>.</summary>
    private static string Arguments(DwhConfig config, string verb)
    {
        var words = (verb + ConfigArgument(config)).Trim();
        return words.Length == 0 ? "" : $" -- {words}";
    }

    /// <summary>
    /// Nothing when the command run here finds the same file by itself (dwh.cfg here or above); else <c>--config</c>
    /// with its path, SPARKIFY_CONFIG included, which may be set for this command only.
    /// </summary>
    private static string ConfigArgument(DwhConfig config) =>
        ConfigFileLocation.Find() is { How: not ConfigFileLocation.Source.Variable } found && found.Path == config.Path
            ? ""
            : $" --config {ShellQuote(config.Path)}";

    /// <summary>psql reads a -d value holding '=' as a connection string, so such a name goes in as one, quoted.</summary>
    /// <remarks>https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING</remarks>
    private static string PsqlDatabase(string name) =>
        name.Contains('=', StringComparison.Ordinal) || name.Contains("://", StringComparison.Ordinal)
            ? $"dbname='{name.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal)}'"
            : name;

    /// <summary>A word for a POSIX shell: as it is when it holds nothing the shell would read, else in single quotes.</summary>
    internal static string ShellQuote(string word) =>
        PlainWord().IsMatch(word) ? word : "'" + word.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex PlainWord();
}
