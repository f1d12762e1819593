namespace Sparkify.Data.Entities;

/// <summary>One row per song in the catalogue.</summary>
public sealed class Song
{
    public string SongId { get; set; } = "";
    public string? Title { get; set; }
    public string ArtistId { get; set; } = "";
    public int? Year { get; set; }
    public double? Duration { get; set; }
    /// <summary>The load run that last wrote this row (<c>load_runs.run_id</c>): what each run's data checks look at.</summary>
    public long RunId { get; set; }

    public Artist? Artist { get; set; }
}
