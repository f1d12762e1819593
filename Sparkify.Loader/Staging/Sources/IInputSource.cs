namespace Sparkify.Loader.Staging.Sources;

/// <summary>Where one staging table's raw JSON comes from: a local folder or an S3 prefix.</summary>
public interface IInputSource
{
    /// <summary>The folder or s3:// URI, for people and for the load_runs log.</summary>
    string Location { get; }

    /// <summary>Every input file or object below <see cref="Location"/> (<see cref="InputFileRule"/>), and what else is there.</summary>
    Task<InputListing> ListAsync(CancellationToken cancellationToken);

    /// <summary>How many objects to read at once.</summary>
    int ReadParallelism { get; }

    /// <summary>
    /// The object's raw bytes from <paramref name="offset"/> on, read as they arrive: never buffered whole. Readers call
    /// <see cref="InputReads.Open"/>, which reads on through dropped reads with this.
    /// </summary>
    /// <param name="item">The object, as listed.</param>
    /// <param name="offset">Where to start: 0, or where a dropped read stopped.</param>
    /// <param name="resuming">Null for a first open. To resume a dropped read, the version that read began on: the source opens
    /// that version or none, and throws <see cref="InputChangedException"/> when the object is no longer it.</param>
    ObjectRead OpenAt(InputObject item, long offset, ObjectVersion? resuming, CancellationToken cancellationToken);
}
