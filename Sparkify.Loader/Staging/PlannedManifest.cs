namespace Sparkify.Loader.Staging;

/// <summary>A manifest a run would write, before it is written: where, and the s3:// URIs it would list.</summary>
/// <param name="Compacted">It lists the gzip parts that the new song files are rewritten as, not the files themselves.</param>
public sealed record PlannedManifest(string Uri, IReadOnlyList<string> Entries, bool Compacted);
