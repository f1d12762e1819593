namespace Sparkify.Data.Entities;

/// <summary>A bad input record that a run skipped under <c>--max-errors</c>: where it was, what was wrong, and its text.</summary>
public sealed class LoadError
{
    public long LoadErrorId { get; set; }
    public long RunId { get; set; }
    public string File { get; set; } = "";
    public long Line { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The record as it was in the file, cut to <see cref="RawTextLength"/> characters.</summary>
    public string? RawText { get; set; }

    public const int RawTextLength = 1000;

    public LoadRun? Run { get; set; }
}
