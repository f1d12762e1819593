namespace Sparkify.Loader.Staging.Sources;

/// <summary>One input file or S3 object, as listed: its name, size, last write, and the ETag when the store gives one.</summary>
public sealed record InputObject(string Name, long Size, DateTime ModifiedAt, string? ETag);
