using System.Globalization;

namespace Sparkify.Loader.Staging.Sources;

/// <summary>The input files below a local folder (or one file), as <see cref="LocalFolderWalk"/> lists them.</summary>
public sealed class LocalFolderSource(string folder, string setting) : IInputSource
{
    public string Location => folder;

    // Reading local files is parsing-bound: one reader per core.
    public int ReadParallelism => Environment.ProcessorCount;

    public Task<InputListing> ListAsync(CancellationToken cancellationToken) => Task.FromResult(LocalFolderWalk.List(folder, setting));

    /// <summary>
    /// The file, opened again and read on from <paramref name="offset"/> when resuming, if its size and last write time are
    /// those its read began with (taken from the open file, not the path, so they describe the bytes read).
    /// </summary>
    /// <remarks>
    /// .NET gives no inode number, so a file replaced by another of the same size and write time, to the tick, would pass;
    /// a program writing a file sets its write time, which makes that a replacement done on purpose (<c>touch -r</c>).
    /// </remarks>
    public ObjectRead OpenAt(InputObject item, long offset, ObjectVersion? resuming, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(item.Name, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException) when (resuming is not null)
        {
            throw new InputChangedException(item.Name, "it was deleted");
        }
        try
        {
            var version = new ObjectVersion(RandomAccess.GetLength(stream.SafeFileHandle),
                File.GetLastWriteTimeUtc(stream.SafeFileHandle).Ticks.ToString(CultureInfo.InvariantCulture));
            if (resuming is { } began && began != version)
                throw new InputChangedException(item.Name, "its size or last write time is not what it was when the read began");
            stream.Seek(offset, SeekOrigin.Begin);
            return new ObjectRead(stream, version);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
