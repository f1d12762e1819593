namespace Sparkify.Loader.Analytics;

public static partial class ReportSections
{
    /// <summary>The conversion sections: who changed level and when, how much of each day was paid, and the upgrade funnel.</summary>
    private static ReportSection[] Conversion(AnalyticsReport report) =>
        [LevelChanges(report.LevelChangesPerDay), PaidShare(report.PaidSharePerDay), Funnel(report.UpgradeFunnel)];

    private static ReportSection LevelChanges(IReadOnlyList<LevelChangeDay> days) =>
        new("level-changes-per-day", "Upgrades and downgrades per day", "Who moved from free to paid, or back, and on which day?",
            Table([new("day"), new("weekday"), new("upgrades", true), new("downgrades", true)],
                days.Select(d => Row(Day(d.Day), d.Day.DayOfWeek.ToString(), Count(d.Upgrades), Count(d.Downgrades)))),
            Columns(days.Select(d => ShortDay(d.Day)), ("upgrades", days.Select(d => d.Upgrades)), ("downgrades", days.Select(d => d.Downgrades))),
            $"{Count(days.Sum(d => d.Upgrades))} upgrades and {Count(days.Sum(d => d.Downgrades))} downgrades in the level history: " +
            "a period at paid after one at free of the same user is an upgrade, the reverse a downgrade, on the day of the first play at " +
            "the new level (UTC); a user's first period is neither.");

    private static ReportSection PaidShare(IReadOnlyList<PaidShareDay> days) =>
        new("paid-share-per-day", "Paid share of plays and of active users per day",
            "On each day, what share of the plays came from paying users, and what share of the users who played were paying?",
            Table([new("day"), new("plays", true), new("paid plays", true), new("share paid", true),
                    new("active users", true), new("paid users", true), new("share paid", true)],
                days.Select(d => Row(Day(d.Day), Count(d.Plays), Count(d.PaidPlays), Percent(d.PaidPlayShare),
                    Count(d.ActiveUsers), Count(d.PaidUsers), Percent(d.PaidUserShare)))),
            Columns(days.Select(d => ShortDay(d.Day)),
                ("% of plays paid", days.Select(d => WholePercent(d.PaidPlayShare))),
                ("% of active users paid", days.Select(d => WholePercent(d.PaidUserShare)))),
            "A user is active on a day with a play that day; one whose plays that day are at both levels counts once, as paid. " +
            "The chart rounds to whole percent; a day without plays shows 0.");

    private static ReportSection Funnel(UpgradeFunnel funnel) =>
        new("upgrade-funnel", "From the Upgrade page to the first paid play",
            "Of the users who opened the Upgrade page, how many submitted an upgrade, how many then played a song as paying users, and how long did each step take?",
            Table([new("step"), new("users", true), new("share of the first step", true), new("median minutes from the step before", true)],
                funnel.Steps.Select(s => Row(s.Name, Count(s.Users),
                    Percent(funnel.Steps[0].Users == 0 ? null : (double)s.Users / funnel.Steps[0].Users), Minutes(s.MedianMinutesFromPreviousStep)))),
            Columns(funnel.Steps.Select(s => s.Name), ("users", funnel.Steps.Select(s => s.Users))),
            "Per user: the first Upgrade page event, the first Submit Upgrade at or after it, then the first NextSong event at level paid " +
            "at or after that (any NextSong event, found in the catalogue or not, as the level history counts them).");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);

    private static string ShortDay(DateOnly day) => day.ToString("MMM d", Invariant);

    private static long WholePercent(double? share) => share is { } value ? (long)Math.Round(value * 100, MidpointRounding.AwayFromZero) : 0;

    private static string Minutes(double? minutes) => minutes is { } value ? value.ToString("N2", Invariant) : "–";
}
