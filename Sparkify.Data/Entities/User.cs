namespace Sparkify.Data.Entities;

/// <summary>One row per user who played a song, with the level of their latest play.</summary>
public sealed class User
{
    public int UserId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Gender { get; set; }
    public string Level { get; set; } = "";
    /// <summary>When the play that level, name and gender come from started (UTC): a play loaded later but older never overrides it.</summary>
    public DateTime LastPlayedAt { get; set; }
    /// <summary>The load run that last wrote this row (<c>load_runs.run_id</c>): what each run's data checks look at.</summary>
    public long RunId { get; set; }
}
