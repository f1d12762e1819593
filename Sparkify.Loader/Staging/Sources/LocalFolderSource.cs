namespace Sparkify.Loader.Staging.Sources;

/// <summary>Every <c>*.json</c> file below a local folder (or one file).</summary>
public sealed class LocalFolderSource(string folder, string setting) : IInputSource
{
    public string Location => folder;

    // Reading local files is parsing-bound: one reader per core.
    public int ReadParallelism => Environment.ProcessorCount;

    public Task<IReadOnlyList<InputObject>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InputObject>>(InputFiles.List(folder, setting));

    public Stream Open(InputObject item, CancellationToken cancellationToken) =>
        new FileStream(item.Name, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
