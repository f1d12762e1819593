using Spectre.Console;
using Sparkify.Loader.Loading;

namespace Sparkify.Loader.Reporting;

/// <summary>The end-of-load summary: rows per table beside the reference, and the time each stage took.</summary>
public static class LoadReport
{
    public static void Write(IAnsiConsole console, LoadResult result, ReferenceCounts reference)
    {
        var rows = new Table().Border(TableBorder.Rounded).Title("rows per table")
            .AddColumn("table").AddColumn(new TableColumn("rows").RightAligned())
            .AddColumn(new TableColumn(reference.Label).RightAligned()).AddColumn("");
        foreach (var (table, count) in result.TableCounts)
        {
            var expected = reference.Rows.TryGetValue(table, out var value) ? value : (long?)null;
            var verdict = expected is null ? "" : expected == count ? "[green]matches[/]" : "[yellow]differs[/]";
            rows.AddRow(table, count.ToString("N0"), expected?.ToString("N0") ?? "", verdict);
        }
        console.Write(rows);
        foreach (var (table, outcome) in new[] { ("staging_events", result.Staged?.Events), ("staging_songs", result.Staged?.Songs) })
            if (outcome?.RestageReason is { } reason)
                console.MarkupLine($"{table} was staged afresh, and the star tables built from it rebuilt: {Markup.Escape(reason)}.");

        var stages = new Table().Border(TableBorder.Rounded).Title("time per stage")
            .AddColumn("stage").AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var (stage, elapsed) in result.Stages)
            stages.AddRow(StageNames.Of(stage), elapsed.TotalSeconds.ToString("N2"));
        stages.AddRow("[bold]total[/]", $"[bold]{result.Stages.Sum(s => s.Elapsed.TotalSeconds):N2}[/]");
        console.Write(stages);
        if (result.BadRecords > 0)
            console.MarkupLine($"[yellow]{result.BadRecords:N0} bad input record(s) skipped[/]: see table load_errors (file, line, reason, raw text).");
    }
}
