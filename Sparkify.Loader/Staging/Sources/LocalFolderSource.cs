namespace Sparkify.Loader.Staging.Sources;

/// <summary>The input files below a local folder (or one file), as <see cref="LocalFolderWalk"/> lists them.</summary>
public sealed class LocalFolderSource(string folder, string setting) : IInputSource
{
    public string Location => folder;

    // Reading local files is parsing-bound: one reader per core.
    public int ReadParallelism => Environment.ProcessorCount;

    public Task<InputListing> ListAsync(CancellationToken cancellationToken) => Task.FromResult(LocalFolderWalk.List(folder, setting));

    public Stream Open(InputObject item, CancellationToken cancellationToken) =>
        new FileStream(item.Name, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
