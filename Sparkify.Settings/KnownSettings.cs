namespace Sparkify.Settings;

/// <summary>
/// The sections and keys of dwh.cfg the loader knows, stated once: <see cref="DwhConfig.Load"/> reads its settings
/// through <see cref="Get"/>, which refuses a key not listed here, and the unknown-name check accepts only what is listed.
/// </summary>
internal static class KnownSettings
{
    /// <summary>The keys the loader reads, by section.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["CLUSTER"] = ["ENGINE", "HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "DB_PORT"],
            ["IAM_ROLE"] = ["ARN"],
            ["S3"] =
            [
                "SONG_DATA", "LOG_DATA", "LOG_JSONPATH", "REGION", "MAXERROR", "ENDPOINT",
                "MANIFEST_PREFIX", "SONG_COMPACT_PREFIX", "SONG_COMPACT_FILES", "ANONYMOUS",
                "OTHER_FILES", "EARLIEST_EVENT", "LATEST_EVENT", "VERIFY_INPUT",
            ],
        };

    /// <summary>
    /// Sections the loader leaves alone, keys and all: the course's infrastructure notebook keeps its AWS credentials
    /// (<c>[AWS] KEY, SECRET</c>) and the cluster it creates (<c>[DWH] DWH_CLUSTER_TYPE, DWH_NUM_NODES, …</c>) in the same
    /// dwh.cfg. Their keys are the notebook's business, and vary with its version, so they are not checked.
    /// </summary>
    public static IReadOnlyList<string> Ignored { get; } = ["AWS", "DWH"];

    /// <summary>The value of a listed key, or null when absent or empty.</summary>
    /// <exception cref="InvalidOperationException">The key is not listed in <see cref="Read"/>: a bug here, which the first test that loads a dwh.cfg meets.</exception>
    public static string? Get(IniFile ini, string section, string key) =>
        Read.TryGetValue(section, out var keys) && keys.Contains(key, StringComparer.OrdinalIgnoreCase)
            ? ini.Get(section, key)
            : throw new InvalidOperationException($"[{section}] {key} is read but not listed in {nameof(KnownSettings)}.{nameof(Read)}; list it there, or dwh.cfg's check would call it unknown.");
}
