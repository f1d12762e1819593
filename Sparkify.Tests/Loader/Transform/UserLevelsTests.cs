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
        var expected = LevelPeriods.FromLogs(Path.Combine(SampleWarehouse.Folder, "log_data"));

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
        var expected = LevelPeriods.FromLogs(Path.Combine(real, "log_data"));

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

    private static async Task<List<LevelPeriod>> PeriodsAsync(TestDatabase database) =>
        [.. (await database.RowsAsync("select user_id, level, valid_from, valid_to from user_levels order by user_id, valid_from"))
            .Select(r => new LevelPeriod((int)r[0]!, (string)r[1]!, (DateTime)r[2]!, r[3] as DateTime?))];
}
