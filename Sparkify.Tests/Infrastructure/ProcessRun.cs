using System.Diagnostics;
using System.Text;

namespace Sparkify.Tests.Infrastructure;

/// <summary>A program run to its end (or killed on a line it printed), for its exit code and everything it printed: the commands people type, typed by a test.</summary>
public sealed record ProcessRun(int ExitCode, string Output)
{
    private static string LoaderDll => Path.Combine(AppContext.BaseDirectory, "Sparkify.Loader.dll");

    /// <summary>The loader as people run it, from this build: <c>dotnet Sparkify.Loader.dll …</c>, in <paramref name="workingDirectory"/> (default: the test's).</summary>
    public static Task<ProcessRun> LoaderAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        Func<string, bool>? killWhen = null, TimeSpan? timeout = null, string? workingDirectory = null, Func<Process, string, bool>? onLine = null) =>
        RunAsync("dotnet", [LoaderDll, .. arguments], workingDirectory, environment, killWhen, timeout, onLine);

    /// <summary>Sends <paramref name="signal"/> (INT, TERM…) to <paramref name="process"/>, as a shell's <c>kill -SIGNAL</c> does.</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>
    /// Runs <paramref name="program"/> until it ends, or until <paramref name="killWhen"/> sees a line of its output, which kills it
    /// at once; a run past <paramref name="timeout"/> (default five minutes) is killed and fails the test with what it printed.
    /// <paramref name="onLine"/> sees each line with the process, to act on it otherwise (a signal); true stops it seeing more.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, Func<string, bool>? killWhen = null, TimeSpan? timeout = null,
        Func<Process, string, bool>? onLine = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var killed = new TaskCompletionSource();
        var acted = false;
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (output)
            {
                output.AppendLine(line);
                if (onLine is not null && !acted)
                    acted = onLine(process, line);
            }
            if (killWhen?.Invoke(line) == true && killed.TrySetResult())
                process.Kill(entireProcessTree: true);
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout ?? TimeSpan.FromMinutes(5)}. " +
                $"Output so far:\n{output}");
        }
        process.WaitForExit(); // drains the output callbacks
        return new ProcessRun(process.ExitCode, output.ToString());
    }
}
