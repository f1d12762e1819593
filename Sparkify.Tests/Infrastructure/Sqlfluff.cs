using System.Diagnostics;
using System.Text.Json;

namespace Sparkify.Tests.Infrastructure;

/// <summary>One statement sqlfluff could not parse: the file it was in, the line, and what it said.</summary>
public sealed record ParseFailure(string File, int Line, string Description);

/// <summary>
/// sqlfluff (Debian's package, 1.4.5), an SQL parser with a Redshift dialect written by people other than us: an
/// independent reading of the SQL we send Redshift.
/// </summary>
public static class Sqlfluff
{
    private const string Program = "sqlfluff";

    /// <summary>Skips the calling test, saying why, where sqlfluff is not installed.</summary>
    public static void Require()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, Program)));
        if (!onPath)
            Assert.Skip("sqlfluff is not installed (Debian: apt-get install sqlfluff; .ci/run installs it): the Redshift SQL was not parsed independently.");
    }

    /// <summary>
    /// Parses every <c>.sql</c> file of <paramref name="folder"/> in the Redshift dialect; returns what it could not parse.
    /// Lint with one cheap rule is the way sqlfluff 1.4 reports parse errors per file as JSON (code PRS); the rule's own
    /// findings are ignored.
    /// </summary>
    public static async Task<IReadOnlyList<ParseFailure>> UnparsableAsync(string folder)
    {
        var start = new ProcessStartInfo(Program, ["lint", "--dialect", "redshift", "--rules", "L001", "--format", "json", "--nofail", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"sqlfluff failed (exit {process.ExitCode}): {await errors}");
        using var report = JsonDocument.Parse(await output);
        return
        [
            .. report.RootElement.EnumerateArray().SelectMany(file => file.GetProperty("violations").EnumerateArray()
                .Where(v => v.GetProperty("code").GetString() == "PRS")
                .Select(v => new ParseFailure(Path.GetFileName(file.GetProperty("filepath").GetString()!), v.GetProperty("line_no").GetInt32(),
                    v.GetProperty("description").GetString()!))),
        ];
    }
}
