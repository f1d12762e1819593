using System.Globalization;
using System.Text.Json;
using Sparkify.Loader.Analytics;

namespace Sparkify.Tests.Infrastructure;

/// <summary>The report's figures computed straight from the raw JSON files with plain C#, not from the warehouse, to check the report's SQL against.</summary>
public static partial class RealDataFigures
{
    private const string Unknown = "(unknown)";

    private static readonly string[] WeekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>The figures a report over a warehouse loaded from <paramref name="dataFolder"/> should show, computed from its files, not the warehouse.</summary>
    public static AnalyticsReport Compute(string dataFolder)
    {
        var songRecords = ReadSongRecords(Path.Combine(dataFolder, "song_data"));
        var events = ReadEvents(Path.Combine(dataFolder, "log_data"));
        var nextSongEvents = events
            .Where(e => e.Page == "NextSong" && !string.IsNullOrEmpty(e.UserId))
            .ToList();

        var songs = SongsTable(songRecords);
        var artists = ArtistsTable(songRecords);
        var users = UsersTable(nextSongEvents);
        var plays = Plays(nextSongEvents, songRecords);

        return new AnalyticsReport
        {
            Headline = new Headline(
                plays.Count == 0 ? null : plays.Min(p => p.StartTime),
                plays.Count == 0 ? null : plays.Max(p => p.StartTime),
                plays.Count, users.Count, songs.Count, artists.Count),
            SongMatch = new SongMatch(nextSongEvents.Select(e => e.Key).Distinct().Count(), plays.Count),
            MissingPlays = MissingPlaysOf(nextSongEvents, songRecords),
            PlaysPerDay = PlaysPerDay(plays),
            PlaysByHour = Enumerable.Range(0, 24)
                .Select(hour => new HourPlays(hour, plays.Count(p => p.StartTime.Hour == hour)))
                .ToList(),
            PlaysByWeekday = Enumerable.Range(0, 7)
                .Select(day => new WeekdayPlays(day, WeekdayNames[day], plays.Count(p => (int)p.StartTime.DayOfWeek == day)))
                .ToList(),
            Levels = Levels(plays),
            LevelChangesPerDay = LevelChangesPerDay(nextSongEvents),
            PaidSharePerDay = PaidSharePerDay(plays),
            UpgradeFunnel = UpgradeFunnel(events),
            TopSongs = TopSongs(plays, songs, artists),
            TopArtists = TopArtists(plays, artists),
            TopMetroAreas = Shares(plays, p => p.Location ?? Unknown).Take(10).ToList(),
            TopStates = Shares(plays, p => StateOf(p.Location)).Take(10).ToList(),
            Devices = Shares(plays, p => UserAgentClassifier.Classify(p.UserAgent).Device).ToList(),
            Browsers = Shares(plays, p => UserAgentClassifier.Classify(p.UserAgent).Browser).ToList(),
            UsersByGenderAndLevel = users
                .GroupBy(u => (Gender: u.Gender ?? Unknown, Level: u.Level ?? Unknown))
                .Select(g => new UserGroup(g.Key.Gender, g.Key.Level, g.Count()))
                .OrderBy(g => g.Gender, StringComparer.Ordinal)
                .ThenBy(g => g.Level, StringComparer.Ordinal)
                .ToList(),
        };
    }

    private sealed record SongRecord(
        string? SongId, string? Title, string? ArtistId, string? ArtistName, string? ArtistLocation,
        double? Latitude, double? Longitude, double? Duration, int? Year);

    private sealed record LogEvent(
        long Ts, string? UserId, int SessionId, int ItemInSession, string? Page, string? Song, string? Artist, double? Length,
        string? Level, string? Location, string? UserAgent, string? FirstName, string? LastName, string? Gender)
    {
        /// <summary>How the warehouse knows an event: a log staged twice holds the same event twice.</summary>
        public (long Ts, string? UserId, int SessionId) Key => (Ts, UserId, SessionId);
    }

    private sealed record Play(
        DateTime StartTime, int UserId, string? Level, string? SongId, string? ArtistId, int SessionId, string? Location, string? UserAgent);

    private sealed record User(string UserId, string? FirstName, string? LastName, string? Gender, string? Level);

    private static List<SongRecord> ReadSongRecords(string folder) =>
        JsonFiles(folder).SelectMany(TopLevelObjects).Select(ToSongRecord).ToList();

    private static List<LogEvent> ReadEvents(string folder) =>
        JsonFiles(folder)
            .SelectMany(File.ReadLines)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line =>
            {
                using var document = JsonDocument.Parse(line);
                return ToLogEvent(document.RootElement);
            })
            .ToList();

    private static IEnumerable<string> JsonFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Every top-level JSON value of a file, cloned so it outlives its document.</summary>
    private static List<JsonElement> TopLevelObjects(string file)
    {
        var reader = new Utf8JsonReader(File.ReadAllBytes(file), new JsonReaderOptions { AllowMultipleValues = true });
        var values = new List<JsonElement>();
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            values.Add(document.RootElement.Clone());
        }
        return values;
    }

    private static SongRecord ToSongRecord(JsonElement song) => new(
        Text(song, "song_id"), Text(song, "title"), Text(song, "artist_id"), Text(song, "artist_name"), Text(song, "artist_location"),
        Number(song, "artist_latitude"), Number(song, "artist_longitude"), Number(song, "duration"),
        song.TryGetProperty("year", out var year) && year.ValueKind == JsonValueKind.Number ? year.GetInt32() : null);

    private static LogEvent ToLogEvent(JsonElement e) => new(
        Required(e, "ts"), Text(e, "userId"), checked((int)Required(e, "sessionId")), checked((int)Required(e, "itemInSession")),
        Text(e, "page"), Text(e, "song"), Text(e, "artist"), Number(e, "length"),
        Text(e, "level"), Text(e, "location"), Text(e, "userAgent"), Text(e, "firstName"), Text(e, "lastName"), Text(e, "gender"));

    /// <summary>A value as text; a bare number (some titles and names are) as its literal, as staging keeps it.</summary>
    private static string? Text(JsonElement record, string key) =>
        !record.TryGetProperty(key, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };

    private static double? Number(JsonElement record, string key) =>
        record.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>An event's time, session or position: without one it cannot be a warehouse row, so the data would be wrong.</summary>
    private static long Required(JsonElement record, string key) =>
        record.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : throw new InvalidDataException($"An event has no number \"{key}\": {record.GetRawText()}");

    private static List<SongRecord> SongsTable(List<SongRecord> records) =>
        records
            .Where(r => r.ArtistId is not null)
            .GroupBy(r => r.SongId)
            .Select(copies => copies
                .OrderBy(r => r.ArtistId, NullsLast)
                .ThenBy(r => r.Title, NullsLast)
                .ThenBy(r => r.Year, NullsLastNumber<int>())
                .ThenBy(r => r.Duration, NullsLastNumber<double>())
                .First())
            .ToList();

    private static Dictionary<string, string?> ArtistsTable(List<SongRecord> records) =>
        records
            .GroupBy(r => r.ArtistId)
            .Select(copies => copies
                .OrderBy(r => string.IsNullOrEmpty(r.ArtistLocation) ? 1 : 0)
                .ThenBy(r => r.SongId, NullsLast)
                .ThenBy(r => r.ArtistName, NullsLast)
                .ThenBy(r => r.ArtistLocation, NullsLast)
                .ThenBy(r => r.Latitude, NullsLastNumber<double>())
                .ThenBy(r => r.Longitude, NullsLastNumber<double>())
                .First())
            .Where(r => r.ArtistId is not null)
            .ToDictionary(r => r.ArtistId!, r => r.ArtistName, StringComparer.Ordinal);

    private static List<User> UsersTable(List<LogEvent> nextSongEvents) =>
        nextSongEvents
            .GroupBy(e => e.UserId!, StringComparer.Ordinal)
            .Select(events => events
                .OrderByDescending(e => e.Ts)
                .ThenByDescending(e => e.SessionId)
                .ThenByDescending(e => e.ItemInSession)
                .First())
            .Select(latest => new User(latest.UserId!, latest.FirstName, latest.LastName, latest.Gender, latest.Level))
            .ToList();

    private static List<Play> Plays(List<LogEvent> nextSongEvents, List<SongRecord> songRecords)
    {
        // A null on either side never equals in SQL, so songs missing a part of the match cannot be found.
        var lowestSongByMatch = songRecords
            .Where(s => s.Title is not null && s.ArtistName is not null && s.Duration is not null)
            .GroupBy(s => (Title: s.Title!, ArtistName: s.ArtistName!, Duration: s.Duration!.Value))
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.SongId, NullsLast).First());

        return nextSongEvents
            .Where(e => e.Song is not null && e.Artist is not null && e.Length is not null)
            .Select(e => (Event: e, Song: lowestSongByMatch.GetValueOrDefault((e.Song!, e.Artist!, e.Length!.Value))))
            .Where(match => match.Song is not null)
            .GroupBy(match => match.Event.Key)
            .Select(copies => copies
                .OrderBy(m => m.Song!.SongId, NullsLast)
                .ThenBy(m => m.Event.ItemInSession)
                .ThenBy(m => m.Event.Level, NullsLast)
                .ThenBy(m => m.Event.Location, NullsLast)
                .ThenBy(m => m.Event.UserAgent, NullsLast)
                .First())
            .Select(m => new Play(
                DateTime.UnixEpoch.AddMilliseconds(m.Event.Ts), int.Parse(m.Event.UserId!, CultureInfo.InvariantCulture), m.Event.Level,
                m.Song!.SongId, m.Song.ArtistId, m.Event.SessionId, m.Event.Location, m.Event.UserAgent))
            .ToList();
    }

    private static List<DayPlays> PlaysPerDay(List<Play> plays)
    {
        if (plays.Count == 0)
            return [];
        var byDay = plays.CountBy(p => DateOnly.FromDateTime(p.StartTime)).ToDictionary();
        var first = byDay.Keys.Min();
        var last = byDay.Keys.Max();
        return Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .Select(offset => first.AddDays(offset))
            .Select(day => new DayPlays(day, byDay.GetValueOrDefault(day)))
            .ToList();
    }

    private static LevelFigures Levels(List<Play> plays) => new(
        plays
            .GroupBy(p => Known(p.Level, "a play's level"))
            .Select(g => new LevelPlays(g.Key, g.Count(), g.Select(p => p.UserId).Distinct().Count()))
            .OrderBy(l => l.Level, StringComparer.Ordinal)
            .ToList(),
        plays.GroupBy(p => p.UserId).Count(g => g.Select(p => p.Level).Distinct().Count() > 1));

    /// <summary>The report joins songs and artists, so a play whose song or artist row is missing drops out, as there.</summary>
    private static List<SongRank> TopSongs(List<Play> plays, List<SongRecord> songs, Dictionary<string, string?> artists)
    {
        var titles = songs.Where(s => s.SongId is not null).ToDictionary(s => s.SongId!, s => s.Title, StringComparer.Ordinal);
        return plays
            .Where(p => p.SongId is not null && titles.ContainsKey(p.SongId) && p.ArtistId is not null && artists.ContainsKey(p.ArtistId))
            .GroupBy(p => (SongId: p.SongId!, Title: titles[p.SongId!], Artist: artists[p.ArtistId!]))
            .Select(g => new SongRank(g.Key.SongId, Known(g.Key.Title, "a song's title"), Known(g.Key.Artist, "an artist's name"), g.Count()))
            .OrderByDescending(s => s.Plays)
            .ThenBy(s => s.SongId, StringComparer.Ordinal)
            .Take(10)
            .ToList();
    }

    private static List<ArtistRank> TopArtists(List<Play> plays, Dictionary<string, string?> artists) =>
        plays
            .Where(p => p.ArtistId is not null && artists.ContainsKey(p.ArtistId))
            .GroupBy(p => p.ArtistId!, StringComparer.Ordinal)
            .Select(g => new ArtistRank(g.Key, Known(artists[g.Key], "an artist's name"), g.Count()))
            .OrderByDescending(a => a.Plays)
            .ThenBy(a => a.ArtistId, StringComparer.Ordinal)
            .Take(10)
            .ToList();

    private static IEnumerable<Share> Shares(List<Play> plays, Func<Play, string> groupOf) =>
        plays
            .GroupBy(groupOf, StringComparer.Ordinal)
            .Select(g => new Share(g.Key, g.Count(), g.Select(p => p.UserId).Distinct().Count()))
            .OrderByDescending(s => s.Plays)
            .ThenBy(s => s.Name, StringComparer.Ordinal);

    /// <summary>"Chicago-Naperville-Elgin, IL-IN-WI" is in IL: a metro area spanning states counts in the first one named.</summary>
    private static string StateOf(string? location)
    {
        var comma = location?.IndexOf(", ", StringComparison.Ordinal) ?? -1;
        if (comma < 0)
            return Unknown;
        var states = location![(comma + 2)..];
        var nextComma = states.IndexOf(", ", StringComparison.Ordinal);
        if (nextComma >= 0)
            states = states[..nextComma];
        var dash = states.IndexOf('-');
        return dash >= 0 ? states[..dash] : states;
    }

    /// <summary>The report's records hold no null where SQL could; the real data has none, so one means the data changed.</summary>
    private static string Known(string? value, string what) =>
        value ?? throw new InvalidDataException($"{what} is null, which the report's records cannot hold.");

    /// <summary>Ordinal, nulls after every value, as PostgreSQL sorts ascending.</summary>
    private static readonly IComparer<string?> NullsLast = Comparer<string?>.Create((a, b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : string.CompareOrdinal(a, b));

    private static Comparer<T?> NullsLastNumber<T>() where T : struct, IComparable<T> =>
        Comparer<T?>.Create((a, b) =>
            a is null ? (b is null ? 0 : 1) : b is null ? -1 : a.Value.CompareTo(b.Value));
}
