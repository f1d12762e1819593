namespace Sparkify.Data.Entities;

/// <summary>One raw app event, as read from the NDJSON event logs.</summary>
/// <remarks>
/// The raw properties are declared in the order of <c>log_json_path.json</c>: Redshift's COPY maps
/// JSONPaths to the columns it lists by position, so that order is part of the contract.
/// </remarks>
public sealed class StagingEvent
{
    public string? Artist { get; set; }
    public string? Auth { get; set; }
    public string? FirstName { get; set; }
    public string? Gender { get; set; }
    public int? ItemInSession { get; set; }
    public string? LastName { get; set; }
    public double? Length { get; set; }
    public string? Level { get; set; }
    public string? Location { get; set; }
    public string? Method { get; set; }
    public string? Page { get; set; }
    public double? Registration { get; set; }
    public int? SessionId { get; set; }
    public string? Song { get; set; }
    public int? Status { get; set; }
    public long? Ts { get; set; }
    public string? UserAgent { get; set; }
    public string? UserId { get; set; }
    /// <summary>The load run that staged this row (<c>load_runs.run_id</c>): a run transforms only the rows it staged.</summary>
    public long? RunId { get; set; }
    /// <summary>
    /// Which of its run's files this row came from (<c>loaded_files.file_number</c> of the same run): a staged file that changes
    /// has its own rows replaced, not the whole table's. Null where the engine's COPY cannot tell (Redshift).
    /// </summary>
    public int? FileNumber { get; set; }
}
