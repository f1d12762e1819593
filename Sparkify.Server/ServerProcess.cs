using System.Diagnostics;

namespace Sparkify.Server;

/// <summary>Runs PostgreSQL's own tools, as the <c>postgres</c> account when we are root.</summary>
/// <remarks>PostgreSQL refuses to run as root, so as root every tool goes through <c>runuser</c>.</remarks>
internal static class ServerProcess
{
    public const string ServiceAccount = "postgres";

    /// <summary>True when running as root (<see cref="Environment.UserName"/> reads the effective user).</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    public static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = IsRoot
            ? new ProcessStartInfo("runuser", ["-u", ServiceAccount, "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // The user's PG* variables (PGPORT, PGDATA, PGHOST, ...) describe their own server, not this one, and initdb and the
        // server read some of them: PGPORT set but empty fails initdb's bootstrap. Every setting the tools need is an argument.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("PG", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new EmbeddedServerException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed (exit {process.ExitCode}):\n{(await errors).Trim()}\n{(await output).Trim()}".Trim())
            {
                ToolErrors = (await errors).Trim(),
            };
    }

    /// <summary>Whether the service account can enter <paramref name="folder"/>: every folder above it must let it pass.</summary>
    public static bool ServiceAccountCanEnter(string folder)
    {
        using var test = Process.Start(new ProcessStartInfo("runuser", ["-u", ServiceAccount, "--", "test", "-x", folder])
        {
            RedirectStandardError = true,
        });
        test!.WaitForExit();
        return test.ExitCode == 0;
    }

    /// <summary>The service account's home folder, which it can always write to (Debian: /var/lib/postgresql).</summary>
    public static string ServiceAccountHome()
    {
        using var getent = Process.Start(new ProcessStartInfo("getent", ["passwd", ServiceAccount]) { RedirectStandardOutput = true });
        var entry = getent!.StandardOutput.ReadToEnd().Trim().Split(':');
        getent.WaitForExit();
        return entry.Length >= 6 && entry[5].Length > 0 ? entry[5]
            : throw new EmbeddedServerException($"The '{ServiceAccount}' account has no home folder for the embedded server's data; set [CLUSTER] HOST, or load from a folder it can enter.");
    }

    /// <summary>Gives the service account ownership of a folder the server must write to.</summary>
    public static async Task GrantToServiceAccountAsync(string folder, CancellationToken cancellationToken)
    {
        if (!IsRoot)
            return;
        using var process = Process.Start("chown", ["-R", $"{ServiceAccount}:", folder]);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new EmbeddedServerException($"chown -R {ServiceAccount} {folder} failed; does the '{ServiceAccount}' account exist?");
    }
}
