namespace Sparkify.Loader.Staging.Sources;

/// <summary>One input file or S3 object, as listed: its name, size, last write, and the ETag when the store gives one.</summary>
/// <remarks>A struct: a load holds one per input file (a hundred thousand one-song files, say) for its whole staging.</remarks>
public readonly record struct InputObject(string Name, long Size, DateTime ModifiedAt, string? ETag);
