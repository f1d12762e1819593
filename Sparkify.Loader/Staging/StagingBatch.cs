namespace Sparkify.Loader.Staging;

/// <summary>Rows one parser thread gathered, across as many files as fit, handed to the COPY writer when full.</summary>
/// <remarks>
/// A batch spans files so that thousands of one-song files cost a few hand-offs, not one each; rows grow
/// as they come rather than being sized for a full batch up front.
/// </remarks>
internal sealed class StagingBatch
{
    public List<object?[]> Rows { get; } = [];

    /// <summary>The files whose last rows are in this batch: for the ledger, and for progress by whole files.</summary>
    public List<StagedFile> Files { get; } = [];

    public long Bytes { get; set; }
}
