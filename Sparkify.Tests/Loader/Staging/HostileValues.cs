using Sparkify.Loader.Staging;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// A valid song and a NextSong event that plays it, and the odd values a field of either can meet in the wild: each record can
/// be written with one field replaced by one of them (or left out).
/// </summary>
internal static class HostileValues
{
    /// <summary>JSON literals, each a value some export, hand edit or upstream bug has been known to produce.</summary>
    public static readonly string[] Literals =
    [
        "null", "\"\"", "\"   \"", "\"\\t\"", "\"1.0\"", "\"99999999999\"", "\"2147483648\"", "\" 8\"", "\"8 \"", "\"08\"", "\"-8\"", "\"+8\"",
        "\"8\"", "\"0\"", "\"Paid\"", "\"PAID\"", "\"free\"", "\" free\"", "\"NextSong\"", "\"nextsong\"", "\" SOA\"", "\"SOA\\n\"",
        "1e400", "-1e400", "1e-400", "1.5", "-0", "0", "2147483648", "9223372036854775808", "1541106106796", "true", "{}", "[]",
        "\"\\u0000\"", "\"\\ud800\"", $"\"{new string('x', 300)}\"", "\"<script>alert(1)</script>\"", "\"'; drop table users; --\"",
    ];

    /// <summary>Stands for "the key is left out" among <see cref="Literals"/>.</summary>
    public const string Missing = "(missing)";

    public static IEnumerable<string> LiteralsAndMissing => [.. Literals, Missing];

    private static readonly (string Key, string Value)[] Song =
    [
        ("num_songs", "1"), ("artist_id", "\"ARA\""), ("artist_latitude", "null"), ("artist_longitude", "null"), ("artist_location", "\"\""),
        ("artist_name", "\"Band\""), ("song_id", "\"SOA\""), ("title", "\"One\""), ("duration", "1.5"), ("year", "0"),
    ];

    private static readonly (string Key, string Value)[] Play =
    [
        ("artist", "\"Band\""), ("auth", "\"Logged In\""), ("firstName", "\"Kaylee\""), ("gender", "\"F\""), ("itemInSession", "1"),
        ("lastName", "\"Summers\""), ("length", "1.5"), ("level", "\"free\""), ("location", "\"Phoenix, AZ\""), ("method", "\"PUT\""),
        ("page", "\"NextSong\""), ("registration", "1540344794796.0"), ("sessionId", "139"), ("song", "\"One\""), ("status", "200"),
        ("ts", "1541106106796"), ("userAgent", "\"Mozilla\""), ("userId", "\"8\""),
    ];

    /// <summary>The valid record of <paramref name="table"/>: a song, or a play of it.</summary>
    public static string Valid(StagingTable table) => Write(Base(table), null, null);

    /// <summary>The valid record with <paramref name="key"/> given <paramref name="literal"/> (or left out: <see cref="Missing"/>).</summary>
    public static string With(StagingTable table, string key, string literal) => Write(Base(table), key, literal);

    private static (string Key, string Value)[] Base(StagingTable table) => table == StagingTable.Songs ? Song : Play;

    private static string Write((string Key, string Value)[] fields, string? key, string? literal) =>
        "{" + string.Join(",", fields
            .Where(f => f.Key != key || literal != Missing)
            .Select(f => $"\"{f.Key}\":{(f.Key == key ? literal : f.Value)}")) + "}";
}
