namespace Sparkify.Loader.Analytics;

/// <summary>One part of the report: the question it answers, the table of its figures, and the chart drawn from them.</summary>
/// <param name="Id">A stable name for anchors and files: <c>plays-by-hour</c> gives <c>charts/plays-by-hour.png</c>.</param>
/// <param name="Note">A sentence the figures need beside them, if any.</param>
public sealed record ReportSection(string Id, string Title, string Question, ReportTable Table, Chart? Chart, string? Note = null);

/// <summary>The figures behind a chart, as the page prints them.</summary>
public sealed record ReportTable(IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A table's column; numbers are right-aligned.</summary>
public sealed record ReportColumn(string Name, bool IsNumber = false);

/// <summary>What a chart draws, apart from how: bars for each category, one per series, in the series' order.</summary>
/// <param name="Layout">Columns stand on a category axis; bars lie beside long labels (song titles, places).</param>
public sealed record Chart(ChartLayout Layout, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series);

public enum ChartLayout
{
    Columns,
    Bars,
}

public sealed record ChartSeries(string Name, IReadOnlyList<long> Values);
