using System.Text.Json.Nodes;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>
/// A made-up warehouse of three days (2018-11-20 to 22) whose users change level and walk the upgrade funnel in the ways
/// the conversion sections must tell apart, loaded once; every play is of its one song, so every NextSong event is a play.
/// </summary>
public sealed class UpgradeDays : IAsyncLifetime
{
    public static readonly DateOnly FirstDay = new(2018, 11, 20);

    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-upgrade-days-").FullName;

    public TestDatabase Database { get; private set; } = null!;

    public string Folder => _folder;

    public async ValueTask InitializeAsync()
    {
        var songs = Path.Combine(_folder, "song_data", "A");
        Directory.CreateDirectory(songs);
        File.WriteAllText(Path.Combine(songs, "TRUPGRADE.json"), new JsonObject
        {
            ["num_songs"] = 1, ["artist_id"] = "ARUPGRADE", ["artist_latitude"] = null, ["artist_longitude"] = null,
            ["artist_location"] = "", ["artist_name"] = Artist, ["song_id"] = "SOUPGRADE", ["title"] = Song,
            ["duration"] = Length, ["year"] = 2018,
        }.ToJsonString());
        var logs = Path.Combine(_folder, "log_data");
        Directory.CreateDirectory(logs);
        File.WriteAllLines(Path.Combine(logs, "2018-11-20-events.json"), Events().Select(e => e.ToJsonString()));
        Database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(Database, _folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private const string Song = "Upgrade Song";
    private const string Artist = "The Upgraders";
    private const double Length = 200.0;

    /// <summary>Each user's events, by day and time (UTC); one file may hold several days.</summary>
    private static IEnumerable<JsonObject> Events()
    {
        // 901 plays free, then paid on the same day: an upgrade, and a paid user that day though their first play was free.
        yield return Play(901, 0, "10:00", "free");
        yield return Play(901, 0, "11:00", "paid");
        // 902 and 905 only ever play free, 904 only paid: a first period, which is neither an upgrade nor a downgrade.
        yield return Play(902, 0, "10:30", "free");
        // 903 walks the whole funnel: 2 minutes to submit, 5 more to a paid play.
        yield return Play(903, 0, "11:50", "free");
        yield return Page(903, 0, "12:00", "Upgrade", "free");
        yield return Page(903, 0, "12:02", "Submit Upgrade", "free");
        yield return Play(903, 0, "12:07", "paid");
        // 904 opens the Upgrade page twice: the first counts, so 31 minutes to submit, then 4 to a paid play.
        yield return Page(904, 0, "13:00", "Upgrade", "free");
        yield return Page(904, 0, "13:30", "Upgrade", "free");
        yield return Page(904, 0, "13:31", "Submit Upgrade", "free");
        yield return Play(904, 0, "13:35", "paid");
        // 905 submitted before opening the Upgrade page, so reaches only the first step.
        yield return Page(905, 0, "14:00", "Submit Upgrade", "free");
        yield return Page(905, 0, "14:10", "Upgrade", "free");
        yield return Play(905, 0, "14:20", "free");
        // 906 played paid before the funnel and free after it: steps one and two (1 minute), and a downgrade the same day,
        // its last play free, yet a paid user that day.
        yield return Play(906, 0, "15:00", "paid");
        yield return Page(906, 0, "15:10", "Upgrade", "paid");
        yield return Page(906, 0, "15:11", "Submit Upgrade", "paid");
        yield return Play(906, 0, "15:30", "free");
        // 907 upgrades two days later, leaving a day without a change or a play between.
        yield return Play(907, 0, "16:00", "free");
        yield return Play(907, 2, "09:00", "paid");
    }

    private static JsonObject Play(int user, int day, string time, string level)
    {
        var e = Page(user, day, time, "NextSong", level);
        (e["song"], e["artist"], e["length"]) = (Song, Artist, Length);
        return e;
    }

    private static JsonObject Page(int user, int day, string time, string page, string level) => new()
    {
        ["artist"] = null, ["auth"] = "Logged In", ["firstName"] = $"User{user}", ["gender"] = "F", ["itemInSession"] = Minute(time),
        ["lastName"] = "Test", ["length"] = null, ["level"] = level, ["location"] = "Springfield, IL", ["method"] = "PUT",
        ["page"] = page, ["registration"] = 1540000000000.0, ["sessionId"] = user * 10 + day, ["song"] = null, ["status"] = 200,
        ["ts"] = new DateTimeOffset(FirstDay.AddDays(day).ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.Zero).ToUnixTimeMilliseconds(),
        ["userAgent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/60.0", ["userId"] = user.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static int Minute(string time) => (int)TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture).ToTimeSpan().TotalMinutes;
}
