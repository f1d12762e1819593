namespace Sparkify.Loader.Staging;

/// <summary>Rows parsed from one stretch of one file, handed from a parser to the COPY writer.</summary>
internal sealed class StagingBatch(string file, int capacity)
{
    public string File { get; } = file;
    public List<object?[]> Rows { get; } = new(capacity);

    /// <summary>Set on a file's last batch: the file as read, for the ledger and for progress by whole files.</summary>
    public StagedFile? Staged { get; set; }
    public long Bytes { get; init; }
}
