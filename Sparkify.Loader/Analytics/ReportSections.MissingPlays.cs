namespace Sparkify.Loader.Analytics;

/// <summary>The sections on why plays go missing: the classes of the NextSong events, then each class's most asked-for songs.</summary>
public static partial class ReportSections
{
    private static ReportSection PlayClassCounts(MissingPlays missing) =>
        new("missing-plays", "Why plays go missing",
            "Of the NextSong events, which found their song, and how near did the catalogue come to the songs of the others?",
            Table([new("class"), new("what the catalogue holds"), new("events", true), new("share", true)],
                missing.Classes.Select(c => Row(Label(c), Definition(c).Meaning, Count(c.Events), Percent(c.Share)))),
            Columns(missing.Classes.Select(Label), ("events", missing.Classes.Select(c => c.Events))),
            $"The {Count(missing.NextSongEvents)} NextSong events of the song match, each in exactly one class; " +
            "only a match on title, artist name and duration makes a play.");

    private static ReportSection PlayClassExamples(MissingPlays missing) =>
        new("missing-play-examples", "Songs the events asked for",
            "Class by class, which logged songs had the most events, and which catalogue song came nearest?",
            Table([new("class"), new("title (as logged)"), new("artist (as logged)"), new("length (s)", true), new("events", true),
                    new("nearest song"), new("its artist"), new("its duration (s)", true)],
                missing.Classes.SelectMany(c => c.Examples.Select(e => Row(Label(c), e.Title, e.Artist, Seconds(e.Length), Count(e.Events),
                    e.Nearest?.SongId ?? "–", e.Nearest?.Artist ?? "–", Seconds(e.Nearest?.Duration))))),
            Chart: null,
            "The nearest song has the logged title and artist and the closest duration; for other artist only, the logged title " +
            "and the closest duration; a title not in the catalogue has none.");

    private static PlayClassDefinition Definition(PlayClass playClass) => PlayClasses.All.Single(d => d.Name == playClass.Name);

    private static string Label(PlayClass playClass) => Definition(playClass).Label;

    private static string Seconds(double? seconds) => seconds?.ToString("0.00###", Invariant) ?? "–";
}
