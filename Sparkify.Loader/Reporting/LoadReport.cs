using Sparkify.Loader.Loading;
using Sparkify.Loader.Staging;
using Spectre.Console;

namespace Sparkify.Loader.Reporting;

/// <summary>The end-of-load summary: rows per table (beside the reference, when there is one), and the time each stage took.</summary>
public static class LoadReport
{
    /// <param name="reference">The counts the input should give; null (an input of unknown content) prints the counts alone.</param>
    public static void Write(IAnsiConsole console, LoadResult result, ReferenceCounts? reference)
    {
        var rows = new Table().Border(TableBorder.Rounded).Title("rows per table")
            .AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
        if (reference is not null)
            rows.AddColumn(new TableColumn(reference.Label).RightAligned()).AddColumn("");
        foreach (var (table, count) in result.TableCounts)
            rows.AddRow([table, count.ToString("N0"), .. Compared(table, count, reference)]);
        console.Write(rows);
        foreach (var (table, outcome) in new[] { (StagingTable.Events.Name, result.Staged?.Events), (StagingTable.Songs.Name, result.Staged?.Songs) })
            if (outcome?.RestageReason is { } reason)
                console.MarkupLine($"{table} was staged afresh, and the star tables built from it rebuilt: {Markup.Escape(reason)}.");
            else if (outcome?.ReplaceReason is { } changed)
                console.MarkupLine($"{table}: {outcome.Replaced:N0} changed file(s) staged again, their {outcome.ReplacedRows:N0} staged row(s) replaced " +
                                   $"and the star rows built from them rebuilt: {Markup.Escape(changed)}.");

        var stages = new Table().Border(TableBorder.Rounded).Title("time per stage")
            .AddColumn("stage").AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var (stage, elapsed) in result.Stages)
            stages.AddRow(StageNames.Of(stage), elapsed.TotalSeconds.ToString("N2"));
        stages.AddRow("[bold]total[/]", $"[bold]{result.Stages.Sum(s => s.Elapsed.TotalSeconds):N2}[/]");
        console.Write(stages);
        if (result.BadRecords > 0)
            console.MarkupLine($"[yellow]{result.BadRecords:N0} bad input record(s) skipped[/]: see table load_errors (file, line, reason, raw text).");
    }

    /// <summary>The cells of the reference columns: its count and the verdict, blank for a table it does not count.</summary>
    private static string[] Compared(string table, long count, ReferenceCounts? reference) => reference switch
    {
        null => [],
        _ when reference.Rows.TryGetValue(table, out var expected) =>
            [expected.ToString("N0"), expected == count ? "[green]matches[/]" : "[yellow]differs[/]"],
        _ => ["", ""],
    };
}
