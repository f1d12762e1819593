namespace Sparkify.Data.Entities;

/// <summary>
/// One period of one user at one level (a type-2 history of <c>users.level</c>): from the first play at that level until the
/// first play at the next, in the users' "latest play" order.
/// </summary>
public sealed class UserLevel
{
    public int UserId { get; set; }
    public string Level { get; set; } = "";
    /// <summary>When the period's first play started (UTC).</summary>
    public DateTime ValidFrom { get; set; }
    /// <summary>When the first play at the next level started (UTC); null for the user's current period.</summary>
    public DateTime? ValidTo { get; set; }
    /// <summary>The load run that last wrote this row (<c>load_runs.run_id</c>): what each run's data checks look at.</summary>
    public long RunId { get; set; }

    public User? User { get; set; }
}
