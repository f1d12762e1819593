using System.Globalization;
using Sparkify.Loader.Analytics;

namespace Sparkify.Tests.Infrastructure;

public static partial class RealDataFigures
{
    /// <summary>
    /// Upgrades and downgrades per UTC day from the level history computed from the plays: every period after a user's first
    /// is a change to its level, dated by its first play; every day from the first to the last with a change.
    /// </summary>
    private static List<LevelChangeDay> LevelChangesPerDay(List<LogEvent> nextSongEvents)
    {
        var periods = LevelPeriods.Of(nextSongEvents.Select(e => (
            int.Parse(e.UserId!, CultureInfo.InvariantCulture), e.Ts, e.SessionId, e.ItemInSession, Known(e.Level, "a play's level"))));
        var changes = periods
            .GroupBy(p => p.UserId)
            .SelectMany(user => user.OrderBy(p => p.ValidFrom).Skip(1))
            .GroupBy(p => DateOnly.FromDateTime(p.ValidFrom))
            .ToDictionary(day => day.Key, day => new LevelChangeDay(day.Key, day.Count(p => p.Level == "paid"), day.Count(p => p.Level == "free")));
        return EveryDay(changes, day => new LevelChangeDay(day, 0, 0));
    }

    /// <summary>Each UTC day's plays and active users and how many were paid; a user with any paid play that day is a paid user that day.</summary>
    private static List<PaidShareDay> PaidSharePerDay(List<Play> plays)
    {
        var days = plays
            .GroupBy(p => DateOnly.FromDateTime(p.StartTime))
            .ToDictionary(day => day.Key, day =>
            {
                var users = day.GroupBy(p => p.UserId).ToList();
                return new PaidShareDay(day.Key, day.Count(), day.Count(p => p.Level == "paid"),
                    users.Count, users.Count(user => user.Any(p => p.Level == "paid")));
            });
        return EveryDay(days, day => new PaidShareDay(day, 0, 0, 0, 0));
    }

    /// <summary>
    /// Per user: the first Upgrade page event, the first Submit Upgrade at or after it, the first NextSong event at level paid at
    /// or after that; each step's users and the median, in minutes, of their time since the step before.
    /// </summary>
    private static UpgradeFunnel UpgradeFunnel(List<LogEvent> events)
    {
        var byUser = events.Where(e => !string.IsNullOrEmpty(e.UserId)).ToLookup(e => e.UserId!, StringComparer.Ordinal);
        var upgrades = new List<long>();
        var toSubmit = new List<long>();
        var toPaidPlay = new List<long>();
        foreach (var user in byUser)
        {
            if (First(user, e => e.Page == "Upgrade", after: long.MinValue) is not { } upgrade)
                continue;
            upgrades.Add(upgrade);
            if (First(user, e => e.Page == "Submit Upgrade", after: upgrade) is not { } submit)
                continue;
            toSubmit.Add(submit - upgrade);
            if (First(user, e => e.Page == "NextSong" && e.Level == "paid", after: submit) is { } paidPlay)
                toPaidPlay.Add(paidPlay - submit);
        }
        return new UpgradeFunnel(
        [
            new FunnelStep(1, "Upgrade page", upgrades.Count, null),
            new FunnelStep(2, "Submit Upgrade", toSubmit.Count, MedianMinutes(toSubmit)),
            new FunnelStep(3, "first paid play", toPaidPlay.Count, MedianMinutes(toPaidPlay)),
        ]);
    }

    private static long? First(IEnumerable<LogEvent> events, Func<LogEvent, bool> which, long after) =>
        events.Where(e => which(e) && e.Ts >= after).Select(e => (long?)e.Ts).Min();

    /// <summary>The middle value, or the mean of the two middle ones, of whole milliseconds (so exact), then in minutes.</summary>
    private static double? MedianMinutes(List<long> milliseconds)
    {
        if (milliseconds.Count == 0)
            return null;
        var sorted = milliseconds.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return median / 60000;
    }

    private static List<T> EveryDay<T>(Dictionary<DateOnly, T> byDay, Func<DateOnly, T> empty)
    {
        if (byDay.Count == 0)
            return [];
        var (first, last) = (byDay.Keys.Min(), byDay.Keys.Max());
        return Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .Select(offset => first.AddDays(offset))
            .Select(day => byDay.TryGetValue(day, out var row) ? row : empty(day))
            .ToList();
    }
}
