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

    /// <summary>A stream of the object's raw bytes, read as they arrive: never buffered whole (<see cref="InputFileRule.Decode"/> decompresses).</summary>
    Stream Open(InputObject item, CancellationToken cancellationToken);
}
