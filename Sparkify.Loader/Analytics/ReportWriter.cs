namespace Sparkify.Loader.Analytics;

/// <summary>Writes the report's folder: <c>index.html</c>, <c>report.json</c>, and every chart as PNG and SVG under <c>charts/</c>.</summary>
public static class ReportWriter
{
    public const string ChartFolder = "charts";
    public const string PageFile = "index.html";
    public const string JsonFile = "report.json";

    /// <summary>Writes the files (replacing the ones of an earlier report) and returns their paths, the page first.</summary>
    public static IReadOnlyList<string> Write(AnalyticsReport report, string folder, string source, DateTime generatedAt)
    {
        var charts = Path.Combine(folder, ChartFolder);
        Directory.CreateDirectory(charts);
        var written = new List<string>();
        var sections = ReportSections.Of(report);
        var svgs = new Dictionary<string, string>();
        foreach (var section in sections)
        {
            if (section.Chart is null)
                continue;
            svgs[section.Id] = ChartDrawer.Svg(section.Chart);
            written.Add(WriteFile(Path.Combine(charts, $"{section.Id}.svg"), svgs[section.Id]));
            var png = Path.Combine(charts, $"{section.Id}.png");
            File.WriteAllBytes(png, ChartDrawer.Png(section.Chart));
            written.Add(png);
        }
        written.Insert(0, WriteFile(Path.Combine(folder, JsonFile), ReportJson.Serialize(report)));
        written.Insert(0, WriteFile(Path.Combine(folder, PageFile), ReportPage.Render(report, sections, svgs, source, generatedAt)));
        return written;
    }

    private static string WriteFile(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }
}
