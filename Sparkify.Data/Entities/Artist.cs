namespace Sparkify.Data.Entities;

/// <summary>One row per artist in the catalogue.</summary>
public sealed class Artist
{
    public string ArtistId { get; set; } = "";
    public string? Name { get; set; }
    public string? Location { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>The load run that last wrote this row (<c>load_runs.run_id</c>): what each run's data checks look at.</summary>
    public long RunId { get; set; }
}
