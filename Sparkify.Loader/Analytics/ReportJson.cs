using System.Text.Json;

namespace Sparkify.Loader.Analytics;

/// <summary><c>report.json</c>: the report's figures and nothing else (no time of writing), so two runs' files diff cleanly.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Serialize(AnalyticsReport report) => JsonSerializer.Serialize(report, Options);

    public static AnalyticsReport Deserialize(string json) =>
        JsonSerializer.Deserialize<AnalyticsReport>(json, Options) ?? throw new JsonException("report.json holds null.");
}
