namespace Sparkify.Data.Entities;

/// <summary>The ledger of input files already staged: a later run skips a file it finds here unchanged.</summary>
public sealed class LoadedFile
{
    /// <summary>The file's full path (or object key).</summary>
    public string Path { get; set; } = "";
    /// <summary>The staging table it was loaded into.</summary>
    public string TableName { get; set; } = "";
    public long Size { get; set; }
    /// <summary>Last write time (UTC) when it was loaded: with the size, a cheap first test of "unchanged".</summary>
    public DateTime ModifiedAt { get; set; }
    /// <summary>A hash of the content (an S3 object's ETag, a local file's XXH128 in hex): the final word on "unchanged".</summary>
    public string Checksum { get; set; } = "";
    /// <summary>
    /// The XXH128 (hex) of the content as the loader read it, which <c>--verify-input</c> compares with a fresh read; null for
    /// an S3 object the loader did not read (Redshift's COPY did, without <c>--verify-input</c>).
    /// </summary>
    public string? ContentHash { get; set; }
    public long RunId { get; set; }
    /// <summary>
    /// The file's number among those its run staged into the table, which its staging rows carry (<c>file_number</c>): a changed
    /// file's rows are found by it. Null when its rows do not carry one (Redshift's COPY).
    /// </summary>
    public int? FileNumber { get; set; }

    public LoadRun? Run { get; set; }
}
