using System.Globalization;
using System.Text.Json;

namespace Sparkify.Tests.Loader.Transform;

/// <summary>
/// user_levels holds each user's periods at one level, as computed here in plain C# from the event logs, whatever order the days
/// arrive in; every user has exactly one current period, at the user's level.
/// </summary>
public sealed class UserLevelsTests(SampleWarehouse sample) : IClassFixture<SampleWarehouse>, IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-levels-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    [Fact]
    public async Task The_samples_level_history_is_the_one_its_event_logs_give()
    {
        var expected = PeriodsFromLogs(Path.Combine(SampleWarehouse.Folder, "log_data"));

        Assert.Equal(expected, await PeriodsAsync(sample.Database));
        Assert.Contains(expected, p => p.ValidTo is not null); // some user changed level, so the history says something
    }

    [EndToEnd("loads the real data set")]
    [Fact]
    public async Task The_real_datas_level_history_is_the_one_its_event_logs_give_with_one_current_period_per_user()
    {
        var real = DataPaths.RequireRealData();
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, real);
        var expected = PeriodsFromLogs(Path.Combine(real, "log_data"));

        Assert.Equal(expected, await PeriodsAsync(database));
        Assert.Equal(await database.ScalarAsync<long>("select count(*) from users"),
            await database.ScalarAsync<long>("select count(*) from user_levels where valid_to is null"));
        Assert.Equal(0, await database.ScalarAsync<long>(
            "select count(*) from users u join user_levels l on l.user_id = u.user_id and l.valid_to is null where l.level <> u.level"));
    }

    [Fact]
    public async Task Odd_days_then_even_days_split_and_merge_periods_into_the_history_of_every_day_at_once()
    {
        SampleDays.Copy(_input, day => day % 2 == 1);
        await using var incremental = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(incremental, _input);
        var oddDaysOnly = await PeriodsAsync(incremental);
        SampleDays.Copy(_input, day => day % 2 == 0, rest: false);

        await Warehouse.LoadAsync(incremental, _input);

        Assert.NotEqual(oddDaysOnly, await PeriodsAsync(incremental));
        Assert.Equal(await PeriodsAsync(sample.Database), await PeriodsAsync(incremental));
    }

    [Fact]
    public async Task Days_in_reverse_order_one_run_each_leave_the_history_of_every_day_at_once()
    {
        await using var incremental = await TestDatabase.CreateMigratedAsync();
        for (var day = 30; day >= 1; day -= 6)
        {
            var last = day;
            SampleDays.Copy(_input, d => d <= last && d > last - 6, rest: day == 30);
            await Warehouse.LoadAsync(incremental, _input);
        }

        Assert.Equal(await PeriodsAsync(sample.Database), await PeriodsAsync(incremental));
    }

    private sealed record Period(int UserId, string Level, DateTime ValidFrom, DateTime? ValidTo);

    private static async Task<List<Period>> PeriodsAsync(TestDatabase database) =>
        [.. (await database.RowsAsync("select user_id, level, valid_from, valid_to from user_levels order by user_id, valid_from"))
            .Select(r => new Period((int)r[0]!, (string)r[1]!, (DateTime)r[2]!, r[3] as DateTime?))];

    /// <summary>
    /// The periods, from every NextSong event with a user: each user's plays ordered by time, session and item, those of one
    /// millisecond counting as the last of them; a period starts at each play whose level differs from the one before.
    /// </summary>
    private static List<Period> PeriodsFromLogs(string logData)
    {
        var plays = new List<(int User, long Ts, int Session, int Item, string Level)>();
        foreach (var file in Directory.EnumerateFiles(logData, "*.json", SearchOption.AllDirectories))
            foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
            {
                using var json = JsonDocument.Parse(line);
                var e = json.RootElement;
                if (e.GetProperty("page").GetString() != "NextSong" || e.GetProperty("userId").GetString() is not { Length: > 0 } user)
                    continue;
                plays.Add((int.Parse(user, CultureInfo.InvariantCulture), e.GetProperty("ts").GetInt64(), e.GetProperty("sessionId").GetInt32(),
                    e.GetProperty("itemInSession").GetInt32(), e.GetProperty("level").GetString()!));
            }
        var periods = new List<Period>();
        foreach (var user in plays.GroupBy(p => p.User).OrderBy(g => g.Key))
        {
            var instants = user.GroupBy(p => p.Ts).OrderBy(g => g.Key)
                .Select(g => g.OrderBy(p => p.Session).ThenBy(p => p.Item).Last()).ToList();
            var starts = instants.Where((p, i) => i == 0 || p.Level != instants[i - 1].Level).ToList();
            periods.AddRange(starts.Select((p, i) => new Period(user.Key, p.Level, Time(p.Ts), i + 1 < starts.Count ? Time(starts[i + 1].Ts) : null)));
        }
        return periods;
    }

    private static DateTime Time(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);
}
