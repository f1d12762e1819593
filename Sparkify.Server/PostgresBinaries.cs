using System.Diagnostics;

namespace Sparkify.Server;

/// <summary>Finds a PostgreSQL server installation (initdb, pg_ctl, postgres) on this machine.</summary>
internal static class PostgresBinaries
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    /// <summary>The first folder holding the server binaries: <c>pg_config --bindir</c>, then
    /// <c>/usr/lib/postgresql/*/bin</c> (newest first), then PATH. Null when there is none.</summary>
    public static string? Find() => Found.Value;

    // Looked for once a process: pg_config is a script that runs others, and a run asks more than once.
    private static readonly Lazy<string?> Found = new(() => Candidates().FirstOrDefault(HasServer));

    private static IEnumerable<string> Candidates()
    {
        if (PgConfigBinDir() is { } fromPgConfig)
            yield return fromPgConfig;
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var versions = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(path => (path, version: int.TryParse(Path.GetFileName(path), out var v) ? v : 0))
                .OrderByDescending(x => x.version);
            foreach (var (path, _) in versions)
                yield return Path.Combine(path, "bin");
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (folder.Length > 0)
                yield return folder;
    }

    private static bool HasServer(string folder) => Required.All(name => File.Exists(Path.Combine(folder, name)));

    private static string? PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }
}
