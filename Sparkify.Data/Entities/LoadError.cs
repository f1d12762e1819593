namespace Sparkify.Data.Entities;

/// <summary>A bad input record that a run skipped under <c>--max-errors</c>: where it was, what was wrong, and its text.</summary>
public sealed class LoadError
{
    public long LoadErrorId { get; set; }
    public long RunId { get; set; }
    public string File { get; set; } = "";
    public long Line { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The record as it was in the file, cut to its column's length in UTF-8 bytes.</summary>
    public string? RawText { get; set; }

    public LoadRun? Run { get; set; }
}
