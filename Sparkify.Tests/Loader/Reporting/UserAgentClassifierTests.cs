using System.Text.Json;
using Sparkify.Loader.Analytics;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>The report's device and browser come from a small classifier of user-agent strings; these are its rules.</summary>
public sealed class UserAgentClassifierTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36", "Windows PC", "Chrome")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.78.2 (KHTML, like Gecko) Version/7.0.6 Safari/537.78.2", "Mac", "Safari")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.9; rv:31.0) Gecko/20100101 Firefox/31.0", "Mac", "Firefox")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36", "Linux PC", "Chromium")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53", "iPhone", "Safari")]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 7_0 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) CriOS/30.0.1599.12 Mobile/11A465 Safari/8536.25", "iPad", "Chrome")]
    [InlineData("Mozilla/5.0 (Linux; Android 4.4.2; Nexus 5 Build/KOT49H) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.99 Mobile Safari/537.36", "Android phone", "Chrome")]
    [InlineData("Mozilla/5.0 (Linux; Android 4.4.2; Nexus 7 Build/KOT49H) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.99 Safari/537.36", "Android tablet", "Chrome")]
    [InlineData("Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko", "Windows PC", "Internet Explorer")]
    [InlineData("Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; WOW64; Trident/6.0)", "Windows PC", "Internet Explorer")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", "Windows PC", "Edge")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0", "Windows PC", "Opera")]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "Chromebook", "Chrome")]
    [InlineData("Mozilla/5.0 (Mobile; Windows Phone 8.1; Android 4.0; ARM; Trident/7.0; Touch; rv:11.0; IEMobile/11.0; NOKIA; Lumia 635) like iPhone OS 7_0_3 Mac OS X AppleWebKit/537 (KHTML, like Gecko) Mobile Safari/537", "Windows phone", "Internet Explorer")]
    [InlineData("Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.15063", "Windows phone", "Edge")]
    [InlineData("curl/8.4.0", "other", "other")]
    public void An_agent_names_its_device_and_browser(string agent, string device, string browser) =>
        Assert.Equal(new UserAgentClass(device, browser), UserAgentClassifier.Classify(agent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \"\"  ")]
    public void A_missing_agent_is_unknown_not_other(string? agent) =>
        Assert.Equal(new UserAgentClass("unknown", "unknown"), UserAgentClassifier.Classify(agent));

    [Fact]
    public void The_quotes_of_a_csv_field_around_an_agent_are_ignored()
    {
        const string agent = "Mozilla/5.0 (Windows NT 6.3; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36";

        Assert.Equal(UserAgentClassifier.Classify(agent), UserAgentClassifier.Classify($"\"{agent}\""));
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public void Every_agent_of_the_real_data_gets_a_device_and_a_browser()
    {
        var logs = Path.Combine(DataPaths.RequireRealData(), "log_data");
        var agents = Directory.EnumerateFiles(logs, "*.json", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(AgentOf)
            .OfType<string>()
            .Distinct()
            .ToList();

        Assert.NotEmpty(agents);
        var unclassified = agents.Where(agent => UserAgentClassifier.Classify(agent) is { } c && (c.Device == "other" || c.Browser == "other"));
        Assert.Empty(unclassified);
    }

    private static string? AgentOf(string logLine)
    {
        using var line = JsonDocument.Parse(logLine);
        var agent = line.RootElement.GetProperty("userAgent");
        return agent.ValueKind == JsonValueKind.String ? agent.GetString() : null;
    }
}
