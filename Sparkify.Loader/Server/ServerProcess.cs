using System.Diagnostics;

namespace Sparkify.Loader.Server;

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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new EmbeddedServerException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed (exit {process.ExitCode}):\n{(await errors).Trim()}\n{(await output).Trim()}".Trim());
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
