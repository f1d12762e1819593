using System.Text.Json;

namespace Sparkify.Loader.Generation;

/// <summary>
/// Simulates a month of app sessions and writes one NDJSON file per day, keeping the books the
/// report is made from as it goes.
/// </summary>
/// <remarks>
/// A user's sessions never overlap, so each user's events have strictly increasing timestamps and
/// "the latest NextSong event" is never a tie.
/// </remarks>
internal sealed class EventSimulator(GeneratorOptions options, SongCatalog catalog, Random random)
{
    /// <summary>Share of NextSong events that play a catalogue song exactly; the rest are songs we don't have.</summary>
    private const double MatchShare = 0.3;
    private const double LoggedOutSessionShare = 0.06;
    /// <summary>Share of non-song events that are an upgrade or a downgrade.</summary>
    private const double LevelChangeShare = 0.02;

    private readonly List<SimulatedUser> _users = Enumerable.Range(1, options.Users).Select(id => SimulatedUser.Create(id, random, options.FirstDay)).ToList();
    private readonly Dictionary<int, (string First, string Last)> _playedLevels = [];
    // A user's plays are simulated in time order (a session starts after the user's last one ends), so each change of
    // level between consecutive plays starts a period of user_levels.
    private readonly Dictionary<int, (string Level, int Periods)> _levelPeriods = [];
    private readonly HashSet<long> _matchedTimes = [];
    private long _events, _nextSongs, _matched;
    private int _nextSessionId = 1;

    public int LogFiles { get; private set; }

    public void WriteFiles(string logData)
    {
        var perDay = options.Events / options.Days;
        var remainder = options.Events % options.Days;
        for (var day = 0; day < options.Days; day++)
        {
            var date = options.FirstDay.AddDays(day);
            var events = SimulateDay(date, perDay + (day < remainder ? 1 : 0));
            events.Sort((a, b) => a.Ts.CompareTo(b.Ts));
            var folder = Path.Combine(logData, date.ToString("yyyy"), date.ToString("MM"));
            Directory.CreateDirectory(folder);
            using var file = new FileStream(Path.Combine(folder, $"{date:yyyy-MM-dd}-events.json"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            for (var i = 0; i < events.Count; i++)
            {
                if (i > 0)
                    file.WriteByte((byte)'\n'); // like the real logs: no newline after the last event
                Write(file, events[i]);
            }
            LogFiles++;
        }
    }

    public GenerationReport Report(int songFiles) => new()
    {
        Seed = options.Seed,
        SongFiles = songFiles,
        Songs = catalog.Songs.Count,
        Artists = catalog.ArtistCount,
        LogFiles = LogFiles,
        Events = _events,
        NextSongEvents = _nextSongs,
        UsersWhoPlayed = _playedLevels.Count,
        UsersWhoChangedLevel = _playedLevels.Values.Count(l => l.First != l.Last),
        PaidUsers = _playedLevels.Values.Count(l => l.Last == "paid"),
        LevelPeriods = _levelPeriods.Values.Sum(p => p.Periods),
        MatchedPlays = _matched,
        DistinctMatchedStartTimes = _matchedTimes.Count,
    };

    private List<SimulatedEvent> SimulateDay(DateTime date, long budget)
    {
        var dayStart = new DateTimeOffset(date).ToUnixTimeMilliseconds();
        const long dayLength = 86_400_000;
        var events = new List<SimulatedEvent>((int)budget);
        while (events.Count < budget)
        {
            var start = dayStart + (long)(random.NextDouble() * dayLength * 0.9);
            var length = (int)Math.Min(budget - events.Count, random.Next(1, 60));
            if (random.NextDouble() < LoggedOutSessionShare)
                LoggedOutSession(start, length, events);
            else
                UserSession(_users[random.Next(_users.Count)], start, length, events);
        }
        return events;
    }

    private void LoggedOutSession(long ts, int length, List<SimulatedEvent> events)
    {
        var session = _nextSessionId++;
        var level = random.NextDouble() < 0.5 ? "free" : "paid";
        for (var item = 0; item < length; item++)
        {
            events.Add(new SimulatedEvent(null, "Logged Out", null, item, level, NameBank.LoggedOutPages[random.Next(NameBank.LoggedOutPages.Length)],
                session, null, ts, null));
            ts += random.Next(5_000, 60_000);
        }
        _events += length;
    }

    private void UserSession(SimulatedUser user, long ts, int length, List<SimulatedEvent> events)
    {
        ts = Math.Max(ts, user.BusyUntil + 1_000);
        var session = _nextSessionId++;
        for (var item = 0; item < length; item++)
        {
            if (random.NextDouble() < 0.8)
            {
                var (song, matched) = PickSong();
                events.Add(new SimulatedEvent(user, "Logged In", song.Artist, item, user.Level, "NextSong", session, song.Title, ts, song.Duration));
                RecordPlay(user, ts, matched);
                ts += (long)(song.Duration * 1000);
            }
            else if (random.NextDouble() < LevelChangeShare)
            {
                // The change is logged at the old level; the user's next events carry the new one.
                var page = user.Level == "free" ? "Submit Upgrade" : "Submit Downgrade";
                events.Add(new SimulatedEvent(user, "Logged In", null, item, user.Level, page, session, null, ts, null));
                user.Level = user.Level == "free" ? "paid" : "free";
                ts += random.Next(5_000, 60_000);
            }
            else
            {
                events.Add(new SimulatedEvent(user, "Logged In", null, item, user.Level, NameBank.BrowsingPages[random.Next(NameBank.BrowsingPages.Length)],
                    session, null, ts, null));
                ts += random.Next(5_000, 60_000);
            }
        }
        user.BusyUntil = ts;
        _events += length;
    }

    private ((string Title, string Artist, double Duration) Song, bool Matched) PickSong()
    {
        if (random.NextDouble() < MatchShare)
        {
            var song = catalog.Songs[random.Next(catalog.Songs.Count)];
            return (song.MatchKey, true);
        }
        // Near misses as well as strangers: a catalogue title with another duration, or mojibake of
        // the artist's name (as in the real logs) or its capitals, or a song the catalogue does not have.
        var near = catalog.Songs[random.Next(catalog.Songs.Count)];
        var key = random.Next(3) switch
        {
            0 => (near.Title, near.ArtistName, Math.Round(near.Duration + 1.5, 5)),
            1 => (near.Title, near.ArtistName.All(char.IsAscii) ? near.ArtistName.ToUpperInvariant() : Mojibake(near.ArtistName), near.Duration),
            _ => (SongCatalog.Words(random, NameBank.TitleWords, 1, 4), SongCatalog.Words(random, NameBank.ArtistWords, 1, 3),
                Math.Round(60 + random.NextDouble() * 540, 5)),
        };
        return (key, catalog.MatchKeys.Contains(key));
    }

    private void RecordPlay(SimulatedUser user, long ts, bool matched)
    {
        _nextSongs++;
        _playedLevels[user.Id] = _playedLevels.TryGetValue(user.Id, out var levels) ? (levels.First, user.Level) : (user.Level, user.Level);
        _levelPeriods[user.Id] = _levelPeriods.TryGetValue(user.Id, out var periods)
            ? (user.Level, periods.Level == user.Level ? periods.Periods : periods.Periods + 1)
            : (user.Level, 1);
        if (matched)
        {
            _matched++;
            _matchedTimes.Add(ts);
        }
    }

    /// <summary>UTF-8 bytes read as Latin-1, the mis-encoding seen in the real event logs (e.g. "BeyoncÃ©").</summary>
    private static string Mojibake(string text) => System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes(text));

    private static void Write(Stream output, SimulatedEvent e)
    {
        using var json = new Utf8JsonWriter(output);
        var user = e.User;
        json.WriteStartObject();
        WriteText(json, "artist", e.Artist);
        json.WriteString("auth", e.Auth);
        WriteText(json, "firstName", user?.FirstName);
        WriteText(json, "gender", user?.Gender);
        json.WriteNumber("itemInSession", e.ItemInSession);
        WriteText(json, "lastName", user?.LastName);
        if (e.Length is { } length) json.WriteNumber("length", length); else json.WriteNull("length");
        json.WriteString("level", e.Level);
        WriteText(json, "location", user?.Location);
        json.WriteString("method", e.Page == "NextSong" || e.Page.StartsWith("Submit", StringComparison.Ordinal) ? "PUT" : "GET");
        json.WriteString("page", e.Page);
        if (user is null) json.WriteNull("registration"); else json.WriteNumber("registration", (double)user.Registration);
        json.WriteNumber("sessionId", e.SessionId);
        WriteText(json, "song", e.Song);
        json.WriteNumber("status", e.Page == "Error" ? 404 : e.Page.StartsWith("Submit", StringComparison.Ordinal) ? 307 : 200);
        json.WriteNumber("ts", e.Ts);
        WriteText(json, "userAgent", user?.UserAgent);
        json.WriteString("userId", user?.Id.ToString() ?? "");
        json.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }

    private sealed record SimulatedEvent(SimulatedUser? User, string Auth, string? Artist, int ItemInSession, string Level, string Page,
        int SessionId, string? Song, long Ts, double? Length);

    private sealed class SimulatedUser
    {
        public required int Id { get; init; }
        public required string FirstName { get; init; }
        public required string LastName { get; init; }
        public required string Gender { get; init; }
        public required string Location { get; init; }
        public required string UserAgent { get; init; }
        public required long Registration { get; init; }
        public required string Level { get; set; }
        public long BusyUntil { get; set; }

        public static SimulatedUser Create(int id, Random random, DateTime firstDay) => new()
        {
            Id = id,
            FirstName = NameBank.FirstNames[random.Next(NameBank.FirstNames.Length)],
            LastName = NameBank.LastNames[random.Next(NameBank.LastNames.Length)],
            Gender = random.NextDouble() < 0.5 ? "F" : "M",
            Location = NameBank.Metros[random.Next(NameBank.Metros.Length)],
            UserAgent = NameBank.UserAgents[random.Next(NameBank.UserAgents.Length)],
            Registration = new DateTimeOffset(firstDay).ToUnixTimeMilliseconds() - random.NextInt64(86_400_000L, 400 * 86_400_000L),
            Level = random.NextDouble() < 0.75 ? "free" : "paid",
        };
    }
}
