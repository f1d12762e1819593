namespace Sparkify.Data.Entities;

/// <summary>One row per user who played a song, with the level of their latest play.</summary>
public sealed class User
{
    public int UserId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Gender { get; set; }
    public string Level { get; set; } = "";
}
