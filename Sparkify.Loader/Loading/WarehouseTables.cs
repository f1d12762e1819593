namespace Sparkify.Loader.Loading;

/// <summary>The warehouse's tables, staging first, in the order reports list them.</summary>
public static class WarehouseTables
{
    public static IReadOnlyList<string> Staging { get; } = ["staging_events", "staging_songs"];

    public static IReadOnlyList<string> Star { get; } = ["songs", "artists", "users", "songplays", "time"];

    public static IReadOnlyList<string> All { get; } = [.. Staging, .. Star];
}
