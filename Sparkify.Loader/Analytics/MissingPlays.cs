namespace Sparkify.Loader.Analytics;

/// <summary>
/// Why NextSong events become plays or not: every distinct NextSong event the warehouse staged (the song match's events) in
/// exactly one class, from found to not in the catalogue, so the classes' events sum to <see cref="NextSongEvents"/>.
/// </summary>
/// <param name="Classes">Every class of <see cref="PlayClasses.All"/>, in its order, an empty one with 0 events.</param>
public sealed record MissingPlays(long NextSongEvents, IReadOnlyList<PlayClass> Classes)
{
    /// <summary>The report's figures from the class counts and examples the queries return, each class present.</summary>
    public static MissingPlays Of(IReadOnlyList<(int Class, long Events)> counts, IReadOnlyList<(int Class, PlayExample Example)> examples)
    {
        var total = counts.Sum(c => c.Events);
        return new MissingPlays(total, [.. PlayClasses.All.Select(definition =>
        {
            var events = counts.Where(c => c.Class == definition.Number).Sum(c => c.Events);
            return new PlayClass(definition.Name, events, total == 0 ? null : (double)events / total,
                [.. examples.Where(e => e.Class == definition.Number).Select(e => e.Example)]);
        })]);
    }
}

/// <summary>One class's events, their share of all NextSong events (0 to 1, null without events), and its top logged songs.</summary>
/// <param name="Name">The class's stable name, from <see cref="PlayClasses.All"/>.</param>
/// <param name="Examples">The logged songs with the most events in the class, the most first (ties by title, artist, length).</param>
public sealed record PlayClass(string Name, long Events, double? Share, IReadOnlyList<PlayExample> Examples);

/// <summary>A song as the events logged it, how many events asked for it, and the catalogue's nearest song (null if none).</summary>
public sealed record PlayExample(string Title, string Artist, double Length, long Events, NearestSong? Nearest);

/// <summary>The catalogue song nearest a logged one: same title (and artist, unless the class is other artist), closest duration.</summary>
public sealed record NearestSong(string SongId, string? Artist, double? Duration);
