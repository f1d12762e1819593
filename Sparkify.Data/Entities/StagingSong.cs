namespace Sparkify.Data.Entities;

/// <summary>One raw song record, as read from the song metadata files.</summary>
/// <remarks>Columns are named exactly as the JSON keys, which Redshift's <c>COPY … JSON 'auto'</c> relies on.</remarks>
public sealed class StagingSong
{
    public int? NumSongs { get; set; }
    public string? ArtistId { get; set; }
    public double? ArtistLatitude { get; set; }
    public double? ArtistLongitude { get; set; }
    public string? ArtistLocation { get; set; }
    public string? ArtistName { get; set; }
    public string? SongId { get; set; }
    public string? Title { get; set; }
    public double? Duration { get; set; }
    public int? Year { get; set; }
    /// <summary>The load run that staged this row (<c>load_runs.run_id</c>): a run transforms only the rows it staged.</summary>
    public long? RunId { get; set; }
    /// <summary>
    /// Which of its run's files this row came from (<c>loaded_files.file_number</c> of the same run): a staged file that changes
    /// has its own rows replaced, not the whole table's. Null where the engine's COPY cannot tell (Redshift).
    /// </summary>
    public int? FileNumber { get; set; }
}
