namespace Sparkify.Loader.Staging.Sources;

/// <summary>An object opened for reading: its raw bytes from where the read asked, and the version they belong to.</summary>
/// <param name="Content">The bytes, owned by the caller, who disposes of them.</param>
public sealed record ObjectRead(Stream Content, ObjectVersion Version);
