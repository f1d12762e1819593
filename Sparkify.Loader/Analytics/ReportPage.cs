using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Sparkify.Loader.Analytics;

/// <summary>
/// <c>index.html</c>: one self-contained page (charts inline as SVG, styles inline, nothing fetched from the network)
/// with the headline figures, every chart and the table behind it; it opens offline and prints a section per page part.
/// </summary>
public static class ReportPage
{
    public static string Render(AnalyticsReport report, IReadOnlyList<ReportSection> sections, IReadOnlyDictionary<string, string> svgs,
        string source, DateTime generatedAt)
    {
        var page = new StringBuilder();
        page.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sparkify listening report</title>
            <style>{Style}</style>
            </head>
            <body>
            <header>
            <h1>Sparkify listening report</h1>
            <p class="source">From {HtmlEncode(source)}, written {generatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.
            A play is a NextSong event whose song was found in the catalogue.</p>
            </header>

            """);
        AppendCards(page, report);
        AppendContents(page, sections);
        foreach (var section in sections)
            AppendSection(page, section, svgs.GetValueOrDefault(section.Id));
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    private static void AppendCards(StringBuilder page, AnalyticsReport report)
    {
        var headline = report.Headline;
        var period = headline.FirstPlay is { } first && headline.LastPlay is { } last
            ? $"{first:yyyy-MM-dd} – {last:yyyy-MM-dd}"
            : "no plays yet";
        (string Label, string Value, bool Wide)[] cards =
        [
            ("plays", Count(headline.Plays), false),
            ("users", Count(headline.Users), false),
            ("songs", Count(headline.Songs), false),
            ("artists", Count(headline.Artists), false),
            ("events that found their song",
                report.SongMatch.MatchedShare is { } share ? share.ToString("P1", CultureInfo.InvariantCulture) : "–", false),
            ("period of the plays (UTC)", period, true),
        ];
        page.Append("<section class=\"cards\" aria-label=\"Headline figures\">\n");
        foreach (var (label, value, wide) in cards)
            page.Append($"<div class=\"card{(wide ? " wide" : "")}\"><span class=\"value\">{HtmlEncode(value)}</span>" +
                        $"<span class=\"label\">{HtmlEncode(label)}</span></div>\n");
        page.Append("</section>\n");
    }

    private static void AppendContents(StringBuilder page, IReadOnlyList<ReportSection> sections)
    {
        page.Append("<nav aria-label=\"Contents\"><ol>\n");
        foreach (var section in sections)
            page.Append($"<li><a href=\"#{section.Id}\">{HtmlEncode(section.Title)}</a></li>\n");
        page.Append("</ol></nav>\n");
    }

    private static void AppendSection(StringBuilder page, ReportSection section, string? svg)
    {
        page.Append($"""

            <section id="{section.Id}" class="part">
            <h2>{HtmlEncode(section.Title)}</h2>
            <p class="question">{HtmlEncode(section.Question)}</p>

            """);
        if (section.Chart is not null && svg is not null)
        {
            // An <img> of a data URI, not inline <svg>: ScottPlot names its clip paths alike in every chart, and inline
            // they would share one id space. The image stays vector, so it prints sharp.
            var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
            page.Append($"""
                <figure>
                <img src="data:image/svg+xml;base64,{data}" width="{ChartDrawer.Width}" height="{ChartDrawer.Height}" alt="Chart: {HtmlEncode(section.Title)}; its figures are in the table below.">
                <figcaption>Also as <a href="{ReportWriter.ChartFolder}/{section.Id}.png">PNG</a> and <a href="{ReportWriter.ChartFolder}/{section.Id}.svg">SVG</a>.</figcaption>
                </figure>

                """);
        }
        if (section.Note is not null)
            page.Append($"<p class=\"note\">{HtmlEncode(section.Note)}</p>\n");
        page.Append("<div class=\"figures\">\n");
        AppendTable(page, section.Table);
        page.Append("</div>\n</section>\n");
    }

    private static void AppendTable(StringBuilder page, ReportTable table)
    {
        page.Append("<table>\n<thead><tr>");
        foreach (var column in table.Columns)
            page.Append($"<th{Align(column)}>{HtmlEncode(column.Name)}</th>");
        page.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            page.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                page.Append($"<td{Align(table.Columns[i])}>{HtmlEncode(row[i])}</td>");
            page.Append("</tr>\n");
        }
        if (table.Rows.Count == 0)
            page.Append($"<tr><td colspan=\"{table.Columns.Count}\">no rows</td></tr>\n");
        page.Append("</tbody>\n</table>\n");
    }

    private static string Align(ReportColumn column) => column.IsNumber ? " class=\"number\"" : "";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private const string Style = """

        :root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #d9dde5; --accent: #1f77b4; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 980px; padding: 24px; color: var(--ink);
               font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
        h1 { margin: 0 0 4px; font-size: 28px; }
        h2 { margin: 0 0 4px; font-size: 20px; }
        .source, .question, .note, figcaption { color: var(--muted); }
        .question { margin: 0 0 12px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(118px, 1fr)); gap: 12px; margin: 20px 0; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
        .card .value { display: block; font-size: 22px; font-weight: 600; color: var(--accent); }
        .card .label { color: var(--muted); font-size: 13px; }
        .card.wide { grid-column: span 2; }
        .card.wide .value { font-size: 16px; line-height: 33px; white-space: nowrap; }
        .figures { max-height: 380px; overflow-y: auto; }
        nav ol { columns: 2; margin: 0 0 8px; padding-left: 20px; }
        .part { border-top: 1px solid var(--line); padding: 20px 0; }
        figure { margin: 0 0 8px; }
        figure img { display: block; width: 100%; height: auto; }
        figcaption { font-size: 12px; }
        table { border-collapse: collapse; margin-top: 8px; font-size: 13px; }
        th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { font-weight: 600; }
        .number { text-align: right; font-variant-numeric: tabular-nums; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          nav, figcaption { display: none; }
          .part { break-inside: avoid; }
          .figures { max-height: none; overflow: visible; }
          a { color: inherit; text-decoration: none; }
        }

        """;
}
