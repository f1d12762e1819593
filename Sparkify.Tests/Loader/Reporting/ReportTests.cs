using System.Text.Json;
using System.Text.RegularExpressions;
using Sparkify.Data.Redshift;
using Sparkify.Loader.Analytics;
using Sparkify.Loader.Sql;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>
/// The <c>report</c> verb on the real data: its figures are those the JSON files give when counted without the warehouse,
/// and its page holds every chart and table, offline.
/// </summary>
[EndToEnd("reads the real data set and starts Chromium")]
public sealed class ReportTests(RealDataReport real) : IClassFixture<RealDataReport>
{
    public static TheoryData<string> Sections =>
    [
        "headline", "songMatch", "missingPlays", "playsPerDay", "playsByHour", "playsByWeekday", "levels",
        "levelChangesPerDay", "paidSharePerDay", "upgradeFunnel", "topSongs", "topArtists",
        "topMetroAreas", "topStates", "devices", "browsers", "usersByGenderAndLevel",
    ];

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_figure_in_report_json_equals_the_one_counted_from_the_files(string section)
    {
        // Given the real data loaded and reported on (the fixture)
        DataPaths.RequireRealData();
        Assert.True(real.Run.ExitCode == 0, real.Run.Output);

        // When the same figures are counted straight from the JSON files
        var expected = JsonNodeOf(ReportJson.Serialize(RealDataFigures.Compute(DataPaths.RealData)), section);

        // Then
        Assert.Equal(expected, JsonNodeOf(File.ReadAllText(Path.Combine(real.Output, ReportWriter.JsonFile)), section));
    }

    [Fact]
    public void Report_json_names_every_section_of_the_report()
    {
        DataPaths.RequireRealData();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(real.Output, ReportWriter.JsonFile)));

        Assert.Equal(Sections.Select(row => (string)row.Data).Order(), json.RootElement.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void The_page_holds_every_chart_and_the_table_behind_it()
    {
        DataPaths.RequireRealData();
        var page = real.Page;

        foreach (var section in ReportSections.Of(real.Report))
        {
            var html = SectionHtml(page, section.Id);
            Assert.Contains($"<h2>{System.Net.WebUtility.HtmlEncode(section.Title)}</h2>", html);
            var rows = Regex.Count(Regex.Match(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value, "<tr>");
            Assert.True(rows == section.Table.Rows.Count && rows > 0, $"{section.Id}: {rows} table rows, expected {section.Table.Rows.Count}");
            foreach (var cell in section.Table.Rows.SelectMany(row => row))
                Assert.Contains(System.Net.WebUtility.HtmlEncode(cell), html);
            if (section.Chart is null)
                continue;
            Assert.Matches("<img src=\"data:image/svg\\+xml;base64,[A-Za-z0-9+/=]{1000,}\"", html);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(ChartFile(section.Id, "png"))[..4]);
            Assert.StartsWith("<?xml", File.ReadAllText(ChartFile(section.Id, "svg")));
        }
    }

    [Fact]
    public void The_page_fetches_nothing_and_runs_no_script()
    {
        DataPaths.RequireRealData();
        var page = real.Page;

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", page, StringComparison.OrdinalIgnoreCase);
        var sources = Regex.Matches(page, "(?:src|href)=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.Matches("^(data:image/svg\\+xml;base64,|#|charts/)", source));
    }

    [Fact]
    public async Task The_page_renders_in_a_real_browser_with_every_chart_and_figure()
    {
        // Given the report of the real data (the fixture), and a real browser
        DataPaths.RequireRealData();
        var sections = ReportSections.Of(real.Report);
        await using var chromium = await HeadlessChromium.StartAsync(ScreenshotWidth, ScreenshotHeight);

        // When it opens the page
        await chromium.OpenAsync(new Uri(Path.Combine(real.Output, ReportWriter.PageFile)).AbsoluteUri);

        // Then the text people read holds every section and the figures behind it
        var text = (await chromium.EvaluateAsync("document.body.innerText"))!.GetValue<string>();
        foreach (var section in sections)
        {
            Assert.Contains(section.Title, text);
            Assert.Contains(section.Question, text);
        }
        Assert.Contains("14,896", text);
        Assert.Contains("You're The One", text);
        // every chart decoded at its drawn size (a broken image has no natural width)
        var widths = (await chromium.EvaluateAsync("Array.from(document.images).map(i => i.complete ? i.naturalWidth : -1)"))!.AsArray();
        Assert.Equal(sections.Count(s => s.Chart is not null), widths.Count);
        Assert.All(widths, width => Assert.Equal(ChartDrawer.Width, width!.GetValue<int>()));
        // and a screenshot of it is a picture of the page, not a blank one
        var screenshot = await chromium.ScreenshotAsync();
        File.WriteAllBytes(Path.Combine(real.Output, "screenshot.png"), screenshot);
        Assert.Equal((ScreenshotWidth, ScreenshotHeight), PngSize(screenshot));
        Assert.True(screenshot.Length > 50_000, $"the screenshot is {screenshot.Length:N0} bytes: a blank page compresses to a few thousand");
    }

    [Fact]
    public void The_verb_prints_a_line_per_query()
    {
        DataPaths.RequireRealData();

        foreach (var query in SqlScripts.Analytics)
            Assert.Contains($"  {query.Name}: ", real.Run.Output);
    }

    [Fact]
    public void Every_analytic_query_states_its_grain_and_question_and_runs_on_redshift()
    {
        Assert.Equal(22, SqlScripts.Analytics.Count);
        foreach (var query in SqlScripts.Analytics)
        {
            Assert.Matches(@"^-- \w+: one row ", query.Sql);
            if (Regex.IsMatch(query.Sql, @"^select\b", RegexOptions.Multiline))
                Assert.Contains("-- Question:", query.Sql);
            Assert.Empty(RedshiftUnsupportedSql.FindIn(query.Sql));
        }
    }

    private const int ScreenshotWidth = 1100;
    private const int ScreenshotHeight = 2200;

    /// <summary>A PNG's width and height, from its IHDR chunk (big-endian, right after the 8-byte signature and the chunk header).</summary>
    private static (int Width, int Height) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));

    private string ChartFile(string id, string extension) => Path.Combine(real.Output, ReportWriter.ChartFolder, $"{id}.{extension}");

    private static string SectionHtml(string page, string id)
    {
        var match = Regex.Match(page, $"<section id=\"{id}\" class=\"part\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"the page has no section {id}");
        return match.Groups[1].Value;
    }

    private static string JsonNodeOf(string json, string property)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement.GetProperty(property), ReportJson.Options);
    }
}
