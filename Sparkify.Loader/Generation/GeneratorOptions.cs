namespace Sparkify.Loader.Generation;

/// <summary>How much Sparkify-shaped data to write, and from which seed.</summary>
public sealed record GeneratorOptions(string Output, int Songs = 300, long Events = 3_000, int Seed = 42)
{
    /// <summary>About one listener per 60 events, at least 8, so sessions are long enough to be realistic.</summary>
    public int Users => (int)Math.Clamp(Events / 60, 8, 50_000);

    /// <summary>Roughly two songs per artist, as in the real catalogue (14,896 songs by 9,553 artists).</summary>
    public int Artists => Math.Max(1, Songs * 2 / 3);

    public DateTime FirstDay { get; init; } = new(2018, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    /// <summary>The days the logs span, one file each, as the real logs span November 2018.</summary>
    public const int MonthDays = 30;

    public int Days { get; init; } = MonthDays;
}
