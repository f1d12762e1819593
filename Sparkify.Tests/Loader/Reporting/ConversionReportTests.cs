using System.Text.Json.Nodes;
using Sparkify.Loader.Analytics;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>
/// The report's conversion sections (upgrades and downgrades per day, the paid share per day, the upgrade funnel) hold the
/// figures counted from the JSON files in plain C#, and follow their stated rules on days made up to tell them apart.
/// </summary>
public sealed class ConversionReportTests(SampleWarehouse sample, UpgradeDays made) : IClassFixture<SampleWarehouse>, IClassFixture<UpgradeDays>
{
    [Fact]
    public async Task The_samples_conversion_figures_are_those_counted_from_its_files()
    {
        // Given the sample loaded (the fixture), and its figures counted from the files
        var expected = RealDataFigures.Compute(SampleWarehouse.Folder);

        // When
        var report = await ReportOfAsync(sample.Database);

        // Then
        Assert.Equal(expected.LevelChangesPerDay, report.LevelChangesPerDay);
        Assert.Equal(expected.PaidSharePerDay, report.PaidSharePerDay);
        Assert.Equal(expected.UpgradeFunnel.Steps, report.UpgradeFunnel.Steps);
        Assert.Contains(report.LevelChangesPerDay, d => d.Upgrades > 0 && d.Downgrades >= 0);
        Assert.Contains(report.PaidSharePerDay, d => d.PaidUsers > 0 && d.PaidUsers < d.ActiveUsers);
    }

    [Fact]
    public async Task The_made_up_days_conversion_figures_are_those_counted_from_their_files()
    {
        var expected = RealDataFigures.Compute(made.Folder);

        var report = await ReportOfAsync(made.Database);

        Assert.Equal(expected.LevelChangesPerDay, report.LevelChangesPerDay);
        Assert.Equal(expected.PaidSharePerDay, report.PaidSharePerDay);
        Assert.Equal(expected.UpgradeFunnel.Steps, report.UpgradeFunnel.Steps);
    }

    [Fact]
    public async Task A_user_with_plays_at_both_levels_on_one_day_counts_once_as_a_paid_user_that_day()
    {
        // Given (UpgradeDays) on the first day seven users: 901 plays free then paid, 906 paid then free, 903 free then paid,
        // 904 paid only, 902, 905 and 907 free only; ten plays, four of them paid

        // When
        var day = (await ReportOfAsync(made.Database)).PaidSharePerDay[0];

        // Then the users at both levels are paid users, whichever level their first or last play had
        Assert.Equal(new PaidShareDay(UpgradeDays.FirstDay, Plays: 10, PaidPlays: 4, ActiveUsers: 7, PaidUsers: 4), day);
        Assert.Equal(4.0 / 7, day.PaidUserShare);
    }

    [Fact]
    public async Task Upgrades_and_downgrades_are_the_level_historys_changes_and_a_users_first_period_is_neither()
    {
        // Given (UpgradeDays) on the first day 901 and 903 upgrade and 906 downgrades, 902, 904 and 905 never change, and 907
        // upgrades on the third

        var days = (await ReportOfAsync(made.Database)).LevelChangesPerDay;

        Assert.Equal(
        [
            new LevelChangeDay(UpgradeDays.FirstDay, 2, 1),
            new LevelChangeDay(UpgradeDays.FirstDay.AddDays(1), 0, 0),
            new LevelChangeDay(UpgradeDays.FirstDay.AddDays(2), 1, 0),
        ], days);
    }

    [Fact]
    public async Task The_funnel_takes_each_users_first_step_and_the_median_time_between_steps()
    {
        // Given (UpgradeDays) four users on the Upgrade page; 903 (2 minutes), 904 (31, from their first visit) and 906 (1)
        // submitting after it, 905 only before; 903 (5 minutes) and 904 (4) then playing as paid, 906 only before the funnel

        var funnel = (await ReportOfAsync(made.Database)).UpgradeFunnel;

        // Then the median of an even count lies between its middle two
        Assert.Equal(
        [
            new FunnelStep(1, "Upgrade page", 4, null),
            new FunnelStep(2, "Submit Upgrade", 3, 2.0),
            new FunnelStep(3, "first paid play", 2, 4.5),
        ], funnel.Steps);
    }

    [Fact]
    public void Each_conversion_section_has_its_table_and_chart_right_after_free_versus_paid()
    {
        var report = RealDataFigures.Compute(made.Folder);

        var sections = ReportSections.Of(report).Select(s => s.Id).ToList();
        var conversion = ReportSections.Of(report).Where(s => s.Id is "level-changes-per-day" or "paid-share-per-day" or "upgrade-funnel").ToList();

        Assert.Equal(["level-changes-per-day", "paid-share-per-day", "upgrade-funnel"], sections[(sections.IndexOf("free-vs-paid") + 1)..(sections.IndexOf("free-vs-paid") + 4)]);
        Assert.All(conversion, s => Assert.True(s.Chart is not null && s.Table.Rows.Count > 0, s.Id));
        Assert.Equal(["2018-11-20", "10", "4", "40.0 %", "7", "4", "57.1 %"], conversion[1].Table.Rows[0]);
        Assert.Equal(["Submit Upgrade", "3", "75.0 %", "2.00"], conversion[2].Table.Rows[1]);
    }

    [Fact]
    public async Task Made_up_days_loaded_in_two_runs_with_a_log_staged_twice_give_the_figures_of_one_load()
    {
        // Given the made-up days' first day in one run, then the rest in a file of its own and the first day's file again
        using var input = new TempFolder();
        FileTree.Copy(made.Folder, input.Path, file => !file.EndsWith("-events.json", StringComparison.Ordinal));
        var log = Directory.EnumerateFiles(Path.Combine(made.Folder, "log_data")).Single();
        var lines = File.ReadAllLines(log);
        bool OnFirstDay(string line) => DateTime.UnixEpoch.AddMilliseconds(JsonNode.Parse(line)!["ts"]!.GetValue<long>()).Day == UpgradeDays.FirstDay.Day;
        var logs = Directory.CreateDirectory(Path.Combine(input.Path, "log_data")).FullName;
        File.WriteAllLines(Path.Combine(logs, "2018-11-20-events.json"), lines.Where(OnFirstDay));
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, input.Path);
        File.WriteAllLines(Path.Combine(logs, "2018-11-22-events.json"), lines.Where(line => !OnFirstDay(line)));
        File.Copy(Path.Combine(logs, "2018-11-20-events.json"), Path.Combine(logs, "2018-11-20-events-resent.json"));
        await Warehouse.LoadAsync(database, input.Path);

        // When
        var report = await ReportOfAsync(database);

        // Then
        var once = await ReportOfAsync(made.Database);
        Assert.Equal(once.LevelChangesPerDay, report.LevelChangesPerDay);
        Assert.Equal(once.PaidSharePerDay, report.PaidSharePerDay);
        Assert.Equal(once.UpgradeFunnel.Steps, report.UpgradeFunnel.Steps);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sparkify-conversion-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private static async Task<AnalyticsReport> ReportOfAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return await new AnalyticsReader(connection, new PlainReportObserver(TextWriter.Null)).ReadAsync(TestContext.Current.CancellationToken);
    }
}
