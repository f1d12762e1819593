using Spectre.Console;

namespace Sparkify.Loader.Reporting;

/// <summary>The <c>runs</c> verb's output: a table of the latest runs, then what they read and why any failed.</summary>
public static class RunsReport
{
    public const string NoRuns = "No run has been recorded yet: load_runs is empty or absent (the first load creates it).";

    /// <summary>The table goes to <paramref name="console"/>; sources and messages go to <paramref name="lines"/> unwrapped,
    /// for the file and line a message names are what people copy.</summary>
    public static void Write(IAnsiConsole console, TextWriter lines, IReadOnlyList<RecordedRun> runs)
    {
        if (runs.Count == 0)
        {
            lines.WriteLine(NoRuns);
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .Title(runs.Count == 1 ? "the last run, with the rows it added to every table"
                : $"the last {runs.Count} runs, latest first, with the rows each added to every table")
            .AddColumn(new TableColumn("run").RightAligned()).AddColumn("started (UTC)")
            .AddColumn(new TableColumn("took").RightAligned()).AddColumn(new TableColumn("files").RightAligned());
        foreach (var (name, _) in runs[0].RowsAdded)
            table.AddColumn(new TableColumn(name).RightAligned());
        table.AddColumn(new TableColumn("bad records").RightAligned()).AddColumn("outcome");
        foreach (var run in runs)
            table.AddRow([
                run.RunId.ToString(), run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss"), Took(run), Count(run.Files),
                .. run.RowsAdded.Select(added => Count(added.Added)), Count(run.Errors), Outcome(run.Outcome),
            ]);
        console.Write(table);

        foreach (var source in runs.GroupBy(run => run.Source))
            lines.WriteLine($"{(source.Count() == 1 ? "run" : "runs")} {string.Join(", ", source.Select(run => run.RunId))} read {source.Key}");
        foreach (var run in runs.Where(run => run.Message is not null))
            lines.WriteLine($"run {run.RunId} {run.Outcome}: {run.Message}");
        // A failed run's bad records were rolled back with it, and its message names the one that stopped it.
        if (runs.Any(run => run is { Outcome: "succeeded", Errors: > 0 }))
            lines.WriteLine("bad records: what a succeeded run skipped under --max-errors, kept in table load_errors (file, line, reason, raw text).");
    }

    // An abandoned run's finish is when the next run found it, not when it stopped: it has no duration to show.
    private static string Took(RecordedRun run) =>
        run is { FinishedAt: { } finished, Outcome: not "abandoned" } ? Duration(finished - run.StartedAt) : "-";

    private static string Duration(TimeSpan took) =>
        took.TotalMinutes < 1 ? $"{took.TotalSeconds:N1} s" : $"{(int)took.TotalHours}:{took:mm\\:ss}";

    private static string Count(long? value) => value?.ToString("N0") ?? "-";

    private static string Outcome(string outcome) => outcome switch
    {
        "succeeded" => "[green]succeeded[/]",
        "failed" => "[red]failed[/]",
        "abandoned" => "[yellow]abandoned[/]",
        "interrupted" => "[yellow]interrupted[/]",
        _ => Markup.Escape(outcome),
    };
}
