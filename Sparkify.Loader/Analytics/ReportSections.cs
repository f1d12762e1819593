using System.Globalization;

namespace Sparkify.Loader.Analytics;

/// <summary>The report's sections, in the order the page shows them: each one's title, question, table and chart, stated once.</summary>
public static partial class ReportSections
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<ReportSection> Of(AnalyticsReport report) =>
    [
        Headline(report.Headline),
        SongMatch(report.SongMatch),
        PlayClassCounts(report.MissingPlays),
        PlayClassExamples(report.MissingPlays),
        new("plays-per-day", "Plays per day", "How does listening move from day to day?",
            Table([new("day"), new("weekday"), new("plays", true)],
                report.PlaysPerDay.Select(d => Row(d.Day.ToString("yyyy-MM-dd", Invariant), d.Day.DayOfWeek.ToString(), Count(d.Plays)))),
            Columns(report.PlaysPerDay.Select(d => d.Day.ToString("MMM d", Invariant)), ("plays", report.PlaysPerDay.Select(d => d.Plays)))),
        new("plays-by-hour", "Plays by hour of day (UTC)", "At what time of day do people listen?",
            Table([new("hour", true), new("plays", true)], report.PlaysByHour.Select(h => Row(h.Hour.ToString(Invariant), Count(h.Plays)))),
            Columns(report.PlaysByHour.Select(h => h.Hour.ToString(Invariant)), ("plays", report.PlaysByHour.Select(h => h.Plays)))),
        new("plays-by-weekday", "Plays by weekday", "On which days of the week do people listen?",
            Table([new("weekday"), new("plays", true)], report.PlaysByWeekday.Select(w => Row(w.Name, Count(w.Plays)))),
            Columns(report.PlaysByWeekday.Select(w => w.Name[..3]), ("plays", report.PlaysByWeekday.Select(w => w.Plays)))),
        new("free-vs-paid", "Free versus paid", "How much do free and paid users listen, and how many users are behind each level?",
            Table([new("level"), new("plays", true), new("users", true)], report.Levels.ByLevel.Select(l => Row(l.Level, Count(l.Plays), Count(l.Users)))),
            Columns(report.Levels.ByLevel.Select(l => l.Level),
                ("plays", report.Levels.ByLevel.Select(l => l.Plays)), ("users", report.Levels.ByLevel.Select(l => l.Users))),
            $"{Count(report.Levels.UsersAtBothLevels)} users played at both levels (they upgraded or downgraded during the period) and count at each."),
        .. Conversion(report),
        new("top-songs", "Top songs", "Which songs do our users play most?",
            Table([new("rank", true), new("title"), new("artist"), new("plays", true)],
                report.TopSongs.Select((s, i) => Row(Rank(i), s.Title, s.Artist, Count(s.Plays)))),
            Bars(report.TopSongs.Select(s => $"{s.Title} — {s.Artist}"), ("plays", report.TopSongs.Select(s => s.Plays)))),
        new("top-artists", "Top artists", "Which artists do our users play most?",
            Table([new("rank", true), new("artist"), new("plays", true)], report.TopArtists.Select((a, i) => Row(Rank(i), a.Artist, Count(a.Plays)))),
            Bars(report.TopArtists.Select(a => a.Artist), ("plays", report.TopArtists.Select(a => a.Plays)))),
        Shares("top-metro-areas", "Top metro areas", "Where do our listeners live?", "metro area", report.TopMetroAreas, ChartLayout.Bars),
        Shares("top-states", "Top states", "Which states do our listeners live in? (A metro area spanning states counts in the first it names.)",
            "state", report.TopStates, ChartLayout.Columns),
        Shares("devices", "Devices", "What do people listen on?", "device", report.Devices, ChartLayout.Columns),
        Shares("browsers", "Browsers", "Which browsers must the web player work best in?", "browser", report.Browsers, ChartLayout.Columns),
        UsersByGenderAndLevel(report.UsersByGenderAndLevel),
    ];

    private static ReportSection Headline(Headline headline) =>
        new("headline", "The warehouse at a glance", "Which period do the plays cover, and how many plays, users, songs and artists are there?",
            Table([new("figure"), new("value", true)],
            [
                Row("first play (UTC)", Moment(headline.FirstPlay)),
                Row("last play (UTC)", Moment(headline.LastPlay)),
                Row("plays", Count(headline.Plays)),
                Row("users", Count(headline.Users)),
                Row("songs", Count(headline.Songs)),
                Row("artists", Count(headline.Artists)),
            ]),
            Chart: null);

    private static ReportSection SongMatch(SongMatch match) =>
        new("song-match", "Plays found in the catalogue",
            "Of the NextSong events the app logged, how many found their song in the catalogue (same title, artist name and duration), and so became plays?",
            Table([new("figure"), new("value", true)],
            [
                Row("NextSong events", Count(match.NextSongEvents)),
                Row("found their song", Count(match.Matched)),
                Row("share found", Percent(match.MatchedShare)),
            ]),
            Columns(["NextSong events", "found their song"], ("events", [match.NextSongEvents, match.Matched])),
            "The next two sections say why the others did not. The charts after them count plays, so they see only the events that found their song; the upgrades and downgrades and the upgrade funnel read every event.");

    private static ReportSection Shares(string id, string title, string question, string label, IReadOnlyList<Share> shares, ChartLayout layout) =>
        new(id, title, question,
            Table([new(label), new("plays", true), new("users", true)], shares.Select(s => Row(s.Name, Count(s.Plays), Count(s.Users)))),
            new Chart(layout, [.. shares.Select(s => s.Name)],
                [new("plays", [.. shares.Select(s => s.Plays)]), new("users", [.. shares.Select(s => s.Users)])]));

    private static ReportSection UsersByGenderAndLevel(IReadOnlyList<UserGroup> groups)
    {
        var genders = groups.Select(g => g.Gender).Distinct().ToList();
        var levels = groups.Select(g => g.Level).Distinct().ToList();
        return new("users-by-gender-and-level", "Users by gender and level", "Who are our users, and how many of them pay (by their latest play)?",
            Table([new("gender"), new("level"), new("users", true)], groups.Select(g => Row(g.Gender, g.Level, Count(g.Users)))),
            new Chart(ChartLayout.Columns, genders,
                [.. levels.Select(level => new ChartSeries(level,
                    [.. genders.Select(gender => groups.FirstOrDefault(g => g.Gender == gender && g.Level == level)?.Users ?? 0)]))]));
    }

    private static Chart Columns(IEnumerable<string> categories, params (string Name, IEnumerable<long> Values)[] series) =>
        new(ChartLayout.Columns, [.. categories], [.. series.Select(s => new ChartSeries(s.Name, [.. s.Values]))]);

    private static Chart Bars(IEnumerable<string> categories, params (string Name, IEnumerable<long> Values)[] series) =>
        new(ChartLayout.Bars, [.. categories], [.. series.Select(s => new ChartSeries(s.Name, [.. s.Values]))]);

    private static ReportTable Table(IReadOnlyList<ReportColumn> columns, IEnumerable<IReadOnlyList<string>> rows) => new(columns, [.. rows]);

    private static string[] Row(params string[] cells) => cells;

    private static string Rank(int index) => (index + 1).ToString(Invariant);

    private static string Count(long value) => value.ToString("N0", Invariant);

    private static string Percent(double? share) => share is { } value ? value.ToString("P1", Invariant) : "–";

    private static string Moment(DateTime? moment) => moment?.ToString("yyyy-MM-dd HH:mm:ss", Invariant) ?? "–";
}
