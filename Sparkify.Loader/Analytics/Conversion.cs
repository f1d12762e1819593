namespace Sparkify.Loader.Analytics;

/// <summary>The upgrades and downgrades of one UTC day, read from the level history (<c>user_levels</c>).</summary>
public sealed record LevelChangeDay(DateOnly Day, long Upgrades, long Downgrades);

/// <summary>One UTC day's plays and active users, and how many of each were at the paid level.</summary>
/// <param name="PaidUsers">Users with a paid play that day: one who played at both levels counts as paid.</param>
public sealed record PaidShareDay(DateOnly Day, long Plays, long PaidPlays, long ActiveUsers, long PaidUsers)
{
    /// <summary>Paid plays as a share of the day's plays, 0 to 1; null on a day without plays.</summary>
    public double? PaidPlayShare => Plays == 0 ? null : (double)PaidPlays / Plays;

    /// <summary>Paid users as a share of the day's active users, 0 to 1; null on a day without plays.</summary>
    public double? PaidUserShare => ActiveUsers == 0 ? null : (double)PaidUsers / ActiveUsers;
}

/// <summary>The funnel from the Upgrade page to the first paid play: every step, in order, each present.</summary>
public sealed record UpgradeFunnel(IReadOnlyList<FunnelStep> Steps);

/// <summary>How many users reached one step of the funnel, and the median time they took from the step before.</summary>
/// <param name="MedianMinutesFromPreviousStep">Over the users who reached this step; null for the first step or when none did.</param>
public sealed record FunnelStep(int Step, string Name, long Users, double? MedianMinutesFromPreviousStep)
{
    /// <summary>The steps' names, by number (1 to 3), as the funnel query numbers them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Upgrade page", "Submit Upgrade", "first paid play"];
}
