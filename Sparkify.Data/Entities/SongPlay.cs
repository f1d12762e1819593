namespace Sparkify.Data.Entities;

/// <summary>The fact: one row per NextSong event that matched a song in the catalogue.</summary>
public sealed class SongPlay
{
    public long SongplayId { get; set; }
    /// <summary>When the play started, in UTC, to the millisecond.</summary>
    public DateTime StartTime { get; set; }
    public int UserId { get; set; }
    public string Level { get; set; } = "";
    public string SongId { get; set; } = "";
    public string ArtistId { get; set; } = "";
    public int SessionId { get; set; }
    public string? Location { get; set; }
    public string? UserAgent { get; set; }
    /// <summary>The load run that last wrote this row (<c>load_runs.run_id</c>): what each run's data checks look at.</summary>
    public long RunId { get; set; }

    public StartTime? Time { get; set; }
    public User? User { get; set; }
    public Song? Song { get; set; }
    public Artist? Artist { get; set; }
}
