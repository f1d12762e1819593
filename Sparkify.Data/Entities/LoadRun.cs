namespace Sparkify.Data.Entities;

/// <summary>One run of the loader: when, from where, what it left in each table, and how it ended.</summary>
public sealed class LoadRun
{
    public long RunId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>The song and log locations the run read.</summary>
    public string Source { get; set; } = "";
    public int? Files { get; set; }
    public long? StagingEventsRows { get; set; }
    public long? StagingSongsRows { get; set; }
    public long? SongplaysRows { get; set; }
    public long? UsersRows { get; set; }
    public long? UserLevelsRows { get; set; }
    public long? SongsRows { get; set; }
    public long? ArtistsRows { get; set; }
    public long? TimeRows { get; set; }
    public int Errors { get; set; }
    /// <summary><c>running</c>, <c>succeeded</c>, <c>failed</c>, or <c>abandoned</c> (the process died; found by the next run).</summary>
    public string Outcome { get; set; } = "";
    public string? Message { get; set; }
}
