using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>The content hash of every listed file, read now through its source: what <c>--verify-input</c> compares with the ledger.</summary>
/// <remarks>
/// Each file is streamed through the same hash the parsers take (<see cref="ChecksumStream"/>, XXH128 of the raw bytes, gzip
/// or not), one pooled buffer per reader, so memory stays flat whatever the files' sizes; as many files are read at once as
/// the source reads for staging. A dropped read goes on where it stopped (<see cref="InputReads.Open"/>). S3 objects are read
/// too: an ETag is a tag of the upload, not of the content (a multipart or KMS-encrypted object's is no MD5), so it cannot say
/// that the bytes are the ones staged.
/// </remarks>
internal static class InputHashes
{
    public static async Task<IReadOnlyDictionary<string, UInt128>> OfAsync(IInputSource source, IReadOnlyList<InputObject> files,
        CancellationToken cancellationToken)
    {
        var hashes = new UInt128[files.Count];
        await Parallel.ForAsync(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = source.ReadParallelism, CancellationToken = cancellationToken },
            (index, token) =>
            {
                using var stream = new ChecksumStream(source.Open(files[index], token));
                stream.CopyTo(Stream.Null);
                hashes[index] = stream.Checksum();
                return ValueTask.CompletedTask;
            });
        var byName = new Dictionary<string, UInt128>(files.Count, StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
            byName[files[i].Name] = hashes[i];
        return byName;
    }
}
