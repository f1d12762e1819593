namespace Sparkify.Loader.Staging;

/// <summary>Rows one parser thread gathered, across as many files as fit, handed to the COPY writer when full.</summary>
/// <remarks>
/// A batch spans files so that thousands of one-song files cost a few hand-offs, not one each. Its rows
/// are already in COPY's binary format (<see cref="BinaryCopyRows"/>), in a pooled buffer the writer
/// gives back once sent.
/// </remarks>
internal sealed class StagingBatch(int capacity, long runId) : IDisposable
{
    public BinaryCopyRows Rows { get; } = new(capacity, runId);

    /// <summary>How many files have their last rows in this batch: progress counts whole files.</summary>
    public int FilesDone { get; set; }

    public long Bytes { get; set; }

    public void Dispose() => Rows.Dispose();
}
