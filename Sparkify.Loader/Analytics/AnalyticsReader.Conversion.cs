namespace Sparkify.Loader.Analytics;

public sealed partial class AnalyticsReader
{
    /// <summary>The conversion figures: level changes per day, the paid share per day, and the upgrade funnel.</summary>
    private async Task<(List<LevelChangeDay> LevelChanges, List<PaidShareDay> PaidShare, UpgradeFunnel Funnel)> ReadConversionAsync(
        CancellationToken cancellationToken)
    {
        var changes = await QueryAsync("20_level_changes_per_day.sql", row => new LevelChangeDay(
            new DateOnly(Int(row, 0), Int(row, 1), Int(row, 2)), Long(row, 3), Long(row, 4)), cancellationToken);
        var shares = await QueryAsync("21_paid_share_per_day.sql", row => new PaidShareDay(
            new DateOnly(Int(row, 0), Int(row, 1), Int(row, 2)), Long(row, 3), Long(row, 4), Long(row, 5), Long(row, 6)), cancellationToken);
        var steps = await QueryAsync("22_upgrade_funnel.sql", row => (Step: Int(row, 0), Users: Long(row, 1),
            Median: row.IsDBNull(2) ? (double?)null : row.GetDouble(2)), cancellationToken);
        return (
            EveryDay(changes, c => c.Day, day => new LevelChangeDay(day, 0, 0)),
            EveryDay(shares, s => s.Day, day => new PaidShareDay(day, 0, 0, 0, 0)),
            // A step nobody reached has no row; it shows as zero users, so the funnel always has its three steps.
            new UpgradeFunnel([.. FunnelStep.Names.Select((name, i) => steps.FirstOrDefault(s => s.Step == i + 1) is { Users: > 0 } step
                ? new FunnelStep(i + 1, name, step.Users, step.Median)
                : new FunnelStep(i + 1, name, 0, null))]));
    }

    /// <summary>Every day from the first to the last of <paramref name="rows"/>, a day without a row as <paramref name="empty"/>.</summary>
    private static List<T> EveryDay<T>(List<T> rows, Func<T, DateOnly> dayOf, Func<DateOnly, T> empty)
    {
        if (rows.Count == 0)
            return [];
        var byDay = rows.ToDictionary(dayOf);
        var (first, last) = (byDay.Keys.Min(), byDay.Keys.Max());
        return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .Select(offset => first.AddDays(offset))
            .Select(day => byDay.TryGetValue(day, out var row) ? row : empty(day))];
    }
}
