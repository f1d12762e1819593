namespace Sparkify.Data.Entities;

/// <summary>One row per artist in the catalogue.</summary>
public sealed class Artist
{
    public string ArtistId { get; set; } = "";
    public string? Name { get; set; }
    public string? Location { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}
