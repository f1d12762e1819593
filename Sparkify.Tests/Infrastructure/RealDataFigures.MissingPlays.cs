using Sparkify.Loader.Analytics;

namespace Sparkify.Tests.Infrastructure;

/// <summary>Why plays go missing, counted from the files: each event against every song record, in plain C#.</summary>
public static partial class RealDataFigures
{
    private const int ExamplesPerClass = 5;

    private static MissingPlays MissingPlaysOf(List<LogEvent> nextSongEvents, List<SongRecord> songRecords)
    {
        var byTitle = songRecords.Where(s => s.Title is not null).ToLookup(s => s.Title!, StringComparer.Ordinal);

        // A class per copy of an event, by the rule of each (1 best); an event logged in copies that differ takes its best copy.
        int ClassOf(LogEvent e)
        {
            var sameTitle = e.Song is null ? [] : byTitle[e.Song].ToList();
            var sameArtist = sameTitle.Where(s => s.ArtistName is not null && s.ArtistName == e.Artist).ToList();
            return sameArtist.Any(s => s.Duration is not null && s.Duration == e.Length) ? 1
                : sameArtist.Count > 0 ? 2
                : sameTitle.Count > 0 ? 3
                : 4;
        }

        var events = nextSongEvents
            .Select(e => (Event: e, Class: ClassOf(e)))
            .GroupBy(x => x.Event.Key)
            .Select(copies => copies
                .OrderBy(x => x.Class)
                .ThenBy(x => x.Event.ItemInSession)
                .ThenBy(x => x.Event.Song, NullsLast)
                .ThenBy(x => x.Event.Artist, NullsLast)
                .ThenBy(x => x.Event.Length, NullsLastNumber<double>())
                .First())
            .ToList();

        NearestSong? NearestTo(int playClass, LogEvent e) =>
            playClass == 4 ? null : byTitle[e.Song!]
                .Where(s => playClass == 3 || s.ArtistName == e.Artist)
                .OrderBy(s => s.Duration is { } duration ? Math.Abs(duration - e.Length!.Value) : (double?)null, NullsLastNumber<double>())
                .ThenBy(s => s.ArtistName, NullsLast)
                .ThenBy(s => s.SongId, NullsLast)
                .Select(s => new NearestSong(s.SongId!, s.ArtistName, s.Duration))
                .First();

        return new MissingPlays(events.Count, [.. PlayClasses.All.Select(definition =>
        {
            var inClass = events.Where(x => x.Class == definition.Number).Select(x => x.Event).ToList();
            var examples = inClass
                .GroupBy(e => (Title: e.Song!, Artist: e.Artist!, Length: e.Length!.Value))
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key.Title, StringComparer.Ordinal)
                .ThenBy(g => g.Key.Artist, StringComparer.Ordinal)
                .ThenBy(g => g.Key.Length)
                .Take(ExamplesPerClass)
                .Select(g => new PlayExample(g.Key.Title, g.Key.Artist, g.Key.Length, g.Count(), NearestTo(definition.Number, g.First())))
                .ToList();
            return new PlayClass(definition.Name, inClass.Count, events.Count == 0 ? null : (double)inClass.Count / events.Count, examples);
        })]);
    }
}
