using System.Security.Cryptography;

namespace Sparkify.Loader.Staging;

/// <summary>A read-only pass-through that hashes what is read, so a file's checksum costs no second read.</summary>
internal sealed class ChecksumStream(Stream inner) : ReadOnlyStream(inner)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>SHA-256 of everything read so far, as lowercase hex.</summary>
    public string Checksum() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = Inner.Read(buffer, offset, count);
        _hash.AppendData(buffer, offset, read);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _hash.Dispose();
        base.Dispose(disposing);
    }
}
