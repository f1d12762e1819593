using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>What a Redshift run copies into one table: the new objects and the manifests that list them, or, without a manifest
/// prefix, every object under the input prefix (no manifest).</summary>
/// <param name="Files">The input objects to stage (by the ledger: new ones, or all of them when the table is restaged).</param>
/// <param name="RestageReason">Why the table was emptied and every object is staged again; null when only new ones are.</param>
/// <param name="Manifests">This run's manifests for the table (s3:// URIs), each with whether the objects it lists are gzip; none
/// when there is nothing to copy.</param>
public sealed record RedshiftBatch(IReadOnlyList<InputObject> Files, string? RestageReason, IReadOnlyList<(string Uri, bool Gzip)> Manifests)
{
    /// <summary>The gzip parts new song files were compacted into, which the manifest lists instead of the files.</summary>
    public IReadOnlyList<CompactedPart> Parts { get; init; } = [];

    /// <summary>With <c>--verify-input</c>, each listed object's content hash as the loader read it, by name; else null.</summary>
    public IReadOnlyDictionary<string, UInt128>? ContentHashes { get; init; }

    /// <summary>An object of <see cref="Files"/> as the ledger records it once copied.</summary>
    public StagedFile Staged(InputObject file) => new(file, ContentHashes?.TryGetValue(file.Name, out var hash) == true ? hash : null);

    /// <summary>What staging did to the table once the batch's COPY added <paramref name="rows"/> rows: what the load report shows.</summary>
    public StagingOutcome Outcome(long rows) => new(Files.Count, rows, RestageReason);
}
