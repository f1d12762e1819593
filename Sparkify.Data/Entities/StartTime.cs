namespace Sparkify.Data.Entities;

/// <summary>The <c>time</c> dimension: one row per distinct songplay start time, broken into parts.</summary>
public sealed class StartTime
{
    /// <summary>UTC, to the millisecond.</summary>
    public DateTime Value { get; set; }
    public int Hour { get; set; }
    public int Day { get; set; }
    /// <summary>ISO 8601 week number.</summary>
    public int Week { get; set; }
    public int Month { get; set; }
    public int Year { get; set; }
    /// <summary>0 = Sunday … 6 = Saturday.</summary>
    public int Weekday { get; set; }
    /// <summary>The load run that last wrote this row (<c>load_runs.run_id</c>): what each run's data checks look at.</summary>
    public long RunId { get; set; }
}
