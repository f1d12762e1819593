using System.Diagnostics;
using System.Text;

namespace Sparkify.Data.Tests.Infrastructure;

/// <summary>The loader run as its own process, as people run it: for what it prints, its exit code, and being killed.</summary>
public sealed class LoaderProcess
{
    private static string LoaderDll => Path.Combine(AppContext.BaseDirectory, "Sparkify.Loader.dll");

    public required int ExitCode { get; init; }
    public required string Output { get; init; }

    /// <summary>Runs the loader to the end (or until <paramref name="killWhen"/> sees a line, which kills it at once).</summary>
    public static async Task<LoaderProcess> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        Func<string, bool>? killWhen = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(LoaderDll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var killed = new TaskCompletionSource();
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.AppendLine(line);
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
            throw new TimeoutException($"The loader did not finish in time. Output so far:\n{output}");
        }
        process.WaitForExit(); // drains the output callbacks
        return new LoaderProcess { ExitCode = process.ExitCode, Output = output.ToString() };
    }
}
