namespace Sparkify.Loader.Staging.Sources;

/// <summary>What a source knows an object's content by when a read of it begins: a resumed read must find the same.</summary>
/// <param name="Length">The object's length in bytes, as its first open found it.</param>
/// <param name="Tag">An S3 object's ETag; a local file's last write time, in ticks.</param>
public readonly record struct ObjectVersion(long Length, string Tag);
