namespace Sparkify.Loader.Analytics;

/// <summary>The device and browser a <c>user_agent</c> string names, as an analyst would group them.</summary>
public sealed record UserAgentClass(string Device, string Browser);

/// <summary>
/// Reads a device and a browser from a browser's user-agent string. Small on purpose: it knows the desktop
/// systems and the phones and tablets of Apple and Android, and the browsers that matter; anything else is
/// <see cref="Other"/>, never a guess. The log's agents may carry the quotes of a CSV field; they are ignored.
/// </summary>
public static class UserAgentClassifier
{
    public const string Other = "other";
    public const string Unknown = "unknown";

    public static UserAgentClass Classify(string? userAgent)
    {
        var agent = userAgent?.Trim().Trim('"').Trim();
        if (string.IsNullOrEmpty(agent))
            return new(Unknown, Unknown);
        return new(DeviceOf(agent), BrowserOf(agent));
    }

    private static string DeviceOf(string agent)
    {
        // Order matters: a Windows Phone's agent also says "Android" and "iPhone" (to be served mobile pages),
        // an iPhone's says "like Mac OS X", and an Android's says "Linux".
        if (Has(agent, "Windows Phone"))
            return "Windows phone";
        if (Has(agent, "iPhone") || Has(agent, "iPod"))
            return "iPhone";
        if (Has(agent, "iPad"))
            return "iPad";
        if (Has(agent, "Android"))
            return Has(agent, "Mobile") ? "Android phone" : "Android tablet";
        if (Has(agent, "Windows"))
            return "Windows PC";
        if (Has(agent, "Macintosh") || Has(agent, "Mac OS X"))
            return "Mac";
        if (Has(agent, "CrOS"))
            return "Chromebook";
        if (Has(agent, "Linux") || Has(agent, "X11"))
            return "Linux PC";
        return Other;
    }

    private static string BrowserOf(string agent)
    {
        // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", Chromium also says "Chrome".
        if (Has(agent, "Edge/") || Has(agent, "Edg/"))
            return "Edge";
        if (Has(agent, "OPR/") || Has(agent, "Opera"))
            return "Opera";
        if (Has(agent, "Trident/") || Has(agent, "MSIE "))
            return "Internet Explorer";
        if (Has(agent, "Firefox/"))
            return "Firefox";
        if (Has(agent, "Chromium/"))
            return "Chromium";
        if (Has(agent, "Chrome/") || Has(agent, "CriOS/"))
            return "Chrome";
        if (Has(agent, "Safari/"))
            return "Safari";
        return Other;
    }

    private static bool Has(string agent, string token) => agent.Contains(token, StringComparison.Ordinal);
}
