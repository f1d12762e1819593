namespace Sparkify.Loader.Loading;

/// <summary>The warehouse's tables, staging first, in the order reports list them.</summary>
public static class WarehouseTables
{
    public static IReadOnlyList<string> All { get; } =
        ["staging_events", "staging_songs", "songs", "artists", "users", "songplays", "time"];
}
