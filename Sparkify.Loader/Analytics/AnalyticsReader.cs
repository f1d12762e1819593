using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Analytics;

/// <summary>Runs the report's queries (<c>Analytics/Sql</c>, the same on both engines) on one connection and gathers their figures.</summary>
public sealed partial class AnalyticsReader(NpgsqlConnection connection, IReportObserver observer)
{
    public async Task<AnalyticsReport> ReadAsync(CancellationToken cancellationToken)
    {
        var headline = (await QueryAsync("01_headline.sql", row => new Headline(
            Utc(row, 0), Utc(row, 1),
            Long(row, 2), Long(row, 3), Long(row, 4), Long(row, 5)), cancellationToken)).Single();
        var songMatch = (await QueryAsync("02_song_match.sql", row => new SongMatch(Long(row, 0), Long(row, 1)), cancellationToken)).Single();
        var days = await QueryAsync("03_plays_per_day.sql", row => new DayPlays(
            new DateOnly(Int(row, 0), Int(row, 1), Int(row, 2)), Long(row, 3)), cancellationToken);
        var hours = await QueryAsync("04_plays_by_hour.sql", row => new HourPlays(Int(row, 0), Long(row, 1)), cancellationToken);
        var weekdays = await QueryAsync("05_plays_by_weekday.sql", row => Weekday(Int(row, 0), Long(row, 1)), cancellationToken);
        var levels = await QueryAsync("06_plays_by_level.sql", row => new LevelPlays(row.GetString(0), Long(row, 1), Long(row, 2)), cancellationToken);
        var usersAtBothLevels = (await QueryAsync("07_users_at_both_levels.sql", row => Long(row, 0), cancellationToken)).Single();
        var topSongs = await QueryAsync("08_top_songs.sql", row => new SongRank(row.GetString(0), row.GetString(1), row.GetString(2), Long(row, 3)), cancellationToken);
        var topArtists = await QueryAsync("09_top_artists.sql", row => new ArtistRank(row.GetString(0), row.GetString(1), Long(row, 2)), cancellationToken);
        var metroAreas = await QueryAsync("10_top_metro_areas.sql", ReadShare, cancellationToken);
        var states = await QueryAsync("11_top_states.sql", ReadShare, cancellationToken);
        var userAgents = await QueryAsync("12_user_agents.sql", row => row.GetString(0), cancellationToken);
        await ClassifyAsync(userAgents, cancellationToken);
        var devices = await QueryAsync("14_devices.sql", ReadShare, cancellationToken);
        var browsers = await QueryAsync("15_browsers.sql", ReadShare, cancellationToken);
        var users = await QueryAsync("16_users_by_gender_and_level.sql", row => new UserGroup(row.GetString(0), row.GetString(1), Long(row, 2)), cancellationToken);
        await ExecuteAsync("17_play_classes.sql", cancellationToken);
        var playClasses = await QueryAsync("18_play_class_counts.sql", row => (Int(row, 0), Long(row, 1)), cancellationToken);
        var playExamples = await QueryAsync("19_play_class_examples.sql", row => (Int(row, 0), ReadPlayExample(row)), cancellationToken);
        var conversion = await ReadConversionAsync(cancellationToken);

        return new AnalyticsReport
        {
            Headline = headline,
            SongMatch = songMatch,
            MissingPlays = MissingPlays.Of(playClasses, playExamples),
            PlaysPerDay = EveryDay(days),
            PlaysByHour = [.. Enumerable.Range(0, 24).Select(hour => new HourPlays(hour, hours.FirstOrDefault(h => h.Hour == hour)?.Plays ?? 0))],
            PlaysByWeekday = [.. Enumerable.Range(0, 7).Select(day => Weekday(day, weekdays.FirstOrDefault(w => w.Weekday == day)?.Plays ?? 0))],
            Levels = new LevelFigures(levels, usersAtBothLevels),
            LevelChangesPerDay = conversion.LevelChanges,
            PaidSharePerDay = conversion.PaidShare,
            UpgradeFunnel = conversion.Funnel,
            TopSongs = topSongs,
            TopArtists = topArtists,
            TopMetroAreas = metroAreas,
            TopStates = states,
            Devices = devices,
            Browsers = browsers,
            UsersByGenderAndLevel = users,
        };
    }

    /// <summary>The classifier is code, not SQL, so its verdicts go into a temporary table the device and browser queries join.</summary>
    private async Task ClassifyAsync(List<string> userAgents, CancellationToken cancellationToken)
    {
        var create = Script("13_user_agent_classes.sql");
        observer.QueryStarted(create);
        var clock = Stopwatch.StartNew();
        await using (var command = new NpgsqlCommand(create.Sql, connection))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await UserAgentClassInserts.InsertAsync(connection, userAgents, cancellationToken);
        observer.QueryDone(create, userAgents.Count, clock.Elapsed);
    }

    private async Task ExecuteAsync(string name, CancellationToken cancellationToken)
    {
        var statement = Script(name);
        observer.QueryStarted(statement);
        var clock = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand(statement.Sql, connection);
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        observer.QueryDone(statement, rows, clock.Elapsed);
    }

    private async Task<List<T>> QueryAsync<T>(string name, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var query = Script(name);
        observer.QueryStarted(query);
        var clock = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand(query.Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        observer.QueryDone(query, rows.Count, clock.Elapsed);
        return rows;
    }

    private static SqlScript Script(string name) => SqlScripts.Analytics.Get(name);

    private static Share ReadShare(NpgsqlDataReader row) => new(row.GetString(0), Long(row, 1), Long(row, 2));

    private static PlayExample ReadPlayExample(NpgsqlDataReader row) => new(
        row.GetString(1), row.GetString(2), row.GetDouble(3), Long(row, 4),
        row.IsDBNull(5) ? null : new NearestSong(row.GetString(5), row.IsDBNull(6) ? null : row.GetString(6), row.IsDBNull(7) ? null : row.GetDouble(7)));

    private static WeekdayPlays Weekday(int weekday, long plays) => new(weekday, ((DayOfWeek)weekday).ToString(), plays);

    /// <summary>Every day from the first to the last with a play, so a quiet day shows as zero rather than vanishing from the chart.</summary>
    private static List<DayPlays> EveryDay(List<DayPlays> days)
    {
        if (days.Count == 0)
            return [];
        var plays = days.ToDictionary(d => d.Day, d => d.Plays);
        var (first, last) = (days.Min(d => d.Day), days.Max(d => d.Day));
        return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .Select(offset => first.AddDays(offset))
            .Select(day => new DayPlays(day, plays.GetValueOrDefault(day)))];
    }

    // The warehouse keeps UTC in timestamp without time zone; report.json says so ("Z").
    private static DateTime? Utc(NpgsqlDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(row.GetDateTime(ordinal), DateTimeKind.Utc);

    // Counts are bigint on PostgreSQL and Redshift alike, date parts int or double depending on the engine's types.
    private static long Long(NpgsqlDataReader row, int ordinal) => Convert.ToInt64(row.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static int Int(NpgsqlDataReader row, int ordinal) => Convert.ToInt32(row.GetValue(ordinal), CultureInfo.InvariantCulture);
}
