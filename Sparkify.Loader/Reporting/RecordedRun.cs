namespace Sparkify.Loader.Reporting;

/// <summary>One run from <c>load_runs</c> as the <c>runs</c> verb shows it.</summary>
/// <param name="RowsAdded">Each warehouse table's change of row count in the run; null when the run did not succeed.</param>
/// <param name="Errors">Bad input records the run skipped (kept in <c>load_errors</c>).</param>
/// <param name="Message">Why the run failed or was abandoned, naming the file and line at fault.</param>
public sealed record RecordedRun(
    long RunId,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string Source,
    int? Files,
    IReadOnlyList<(string Table, long? Added)> RowsAdded,
    int Errors,
    string Outcome,
    string? Message);
