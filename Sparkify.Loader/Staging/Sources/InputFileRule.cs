using System.IO.Compression;

namespace Sparkify.Loader.Staging.Sources;

/// <summary>
/// Which files under an input folder or S3 prefix are input, on both engines alike: JSON (<c>.json</c>, in any letter
/// case) and NDJSON (<c>.jsonl</c>, <c>.ndjson</c>), each also gzip-compressed (<c>.gz</c> after it). Anything else is
/// not read, and is named (<see cref="InputListing.Others"/>) so that nothing is skipped without a word.
/// </summary>
public static class InputFileRule
{
    private static readonly string[] Extensions = [".json", ".jsonl", ".ndjson"];

    /// <summary>The suffixes of input files, for messages.</summary>
    public const string Described = ".json, .jsonl or .ndjson (in any letter case), each also gzip-compressed as .gz";

    public static bool IsInput(string name)
    {
        var plain = IsGzip(name) ? name[..^3] : name;
        return Extensions.Any(e => plain.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsGzip(string name) => name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The content of <paramref name="file"/> from its raw bytes: decompressed as it is read when gzip, else as it is.</summary>
    public static Stream Decode(Stream raw, InputObject file) =>
        IsGzip(file.Name) ? new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true) : raw;
}
