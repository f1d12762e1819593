namespace Sparkify.Loader.Staging.Sources;

/// <summary>A record in an input file cannot be loaded. The message names the file, the line and the problem.</summary>
public sealed class InputException(string file, long line, string problem, string? rawText = null)
    : Exception(line > 0 ? $"{file}, line {line}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Problem { get; } = problem;

    /// <summary>The bad record's text, when there is one to keep.</summary>
    public string? RawText { get; } = rawText;
}
