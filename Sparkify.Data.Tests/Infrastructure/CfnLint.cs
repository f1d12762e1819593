using System.Diagnostics;
using System.Text.Json;

namespace Sparkify.Data.Tests.Infrastructure;

/// <summary>One error cfn-lint found in a template: the rule, the line, and what it said.</summary>
public sealed record TemplateError(string Rule, int Line, string Message);

/// <summary>
/// cfn-lint, AWS's own linter for CloudFormation, which checks a template against every resource type's published
/// schema (properties, their types, the attributes Fn::GetAtt may name): a reading of our templates that no AWS
/// account is needed for.
/// </summary>
public static class CfnLint
{
    private const string Program = "cfn-lint";

    /// <summary>Skips the calling test, saying why, where cfn-lint is not installed.</summary>
    public static void Require()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, Program)));
        if (!onPath)
            Assert.Skip("cfn-lint is not installed (pip install cfn-lint): the CloudFormation templates were not checked against the resource schemas.");
    }

    /// <summary>The errors in <paramref name="template"/>; warnings (such as W1011, a password parameter) are left to the reader.</summary>
    public static async Task<IReadOnlyList<TemplateError>> ErrorsAsync(string template)
    {
        var start = new ProcessStartInfo(Program, ["--format", "json", "--non-zero-exit-code", "none", template])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cfn-lint failed (exit {process.ExitCode}): {await errors}");
        using var report = JsonDocument.Parse(await output);
        return
        [
            .. report.RootElement.EnumerateArray()
                .Where(m => m.GetProperty("Level").GetString() == "Error")
                .Select(m => new TemplateError(m.GetProperty("Rule").GetProperty("Id").GetString()!,
                    m.GetProperty("Location").GetProperty("Start").GetProperty("LineNumber").GetInt32(), m.GetProperty("Message").GetString()!)),
        ];
    }
}
