namespace Sparkify.Loader.Loading;

/// <summary>
/// One engine's bracket around a run: it keeps the run the only one against its database, records it in
/// <c>load_runs</c>, and holds the transaction that staging, transforms and checks commit in.
/// </summary>
public interface ILoadRunScope : IAsyncDisposable
{
    long RunId { get; }

    /// <summary>Commits the run's changes and records it as succeeded.</summary>
    Task CommitAsync(LoadResult result, int files, CancellationToken cancellationToken);

    /// <summary>Rolls the run's changes back and records it as failed (best effort: if the database is gone, the caller's error is the one to show).</summary>
    Task FailAsync(Exception failure, int? files, int badRecords);
}
