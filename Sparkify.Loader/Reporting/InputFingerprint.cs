using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Reporting;

/// <summary>What an input holds, by content: its <see cref="InputShape"/>, and one hash of its files' digests, song and log apart.</summary>
/// <remarks>
/// Neither names nor folders count, so the same files anywhere (another folder, behind links, a bucket) give the same
/// fingerprint, and a file changed in place, even to the same size, does not. Each file's digest is MD5, because it
/// is what S3 gives as the ETag of an object uploaded in one part: a bucket's listing has every digest without a read,
/// and a folder hashes alike. The digests are sorted, so the order files are listed in does not matter either.
/// </remarks>
public readonly record struct InputFingerprint(InputShape Shape, string Content)
{
    /// <summary>The whole fingerprint: reads every local file (and any S3 object without a one-part ETag) once, streaming.</summary>
    public static async Task<InputFingerprint> OfAsync(InputSources input, CancellationToken cancellationToken)
    {
        var (songs, logs) = await ListAsync(input, cancellationToken);
        return new(ShapeOf(songs, logs), await ContentAsync(input, songs, logs, cancellationToken));
    }

    /// <summary>
    /// Whether <paramref name="input"/> is what <paramref name="expected"/> describes. The shape is compared first, from
    /// the listing alone, so an input of other size costs no read; only one shaped alike is read for its content, unless
    /// <paramref name="cache"/> already holds the content of an input listed exactly so.
    /// </summary>
    /// <param name="listedShape">The input's shape as a run listed it, if it did: another shape than the expected one needs no listing.</param>
    /// <param name="listed">The input's files as a run listed them, if it kept them: they are not listed again.</param>
    public static async Task<bool> MatchesAsync(InputSources input, InputFingerprint expected, FingerprintCache? cache,
        CancellationToken cancellationToken, InputShape? listedShape = null, (IReadOnlyList<InputObject> Songs, IReadOnlyList<InputObject> Logs)? listed = null)
    {
        if (listedShape is { } shape && shape != expected.Shape)
            return false;
        var (songs, logs) = listed ?? await ListAsync(input, cancellationToken);
        if (ShapeOf(songs, logs) != expected.Shape)
            return false;
        var key = cache is null ? null : FingerprintCache.KeyOf([(input.Songs, songs), (input.Logs, logs)]);
        if (key is not null && cache!.Find(key) is { } known)
            return known == expected.Content;
        var content = await ContentAsync(input, songs, logs, cancellationToken);
        if (key is not null)
            cache!.Remember(key, content);
        return content == expected.Content;
    }

    private static async Task<(IReadOnlyList<InputObject> Songs, IReadOnlyList<InputObject> Logs)> ListAsync(InputSources input,
        CancellationToken cancellationToken) =>
        ((await input.Songs.ListAsync(cancellationToken)).Files, (await input.Logs.ListAsync(cancellationToken)).Files);

    private static InputShape ShapeOf(IReadOnlyList<InputObject> songs, IReadOnlyList<InputObject> logs) =>
        new(songs.Count, songs.Sum(file => file.Size), logs.Count, logs.Sum(file => file.Size));

    private static async Task<string> ContentAsync(InputSources input, IReadOnlyList<InputObject> songs, IReadOnlyList<InputObject> logs,
        CancellationToken cancellationToken)
    {
        var hash = new XxHash128();
        foreach (var (root, source, files) in new[] { ("song_data", input.Songs, songs), ("log_data", input.Logs, logs) })
            foreach (var digest in (await DigestsAsync(source, files, cancellationToken)).Order(StringComparer.Ordinal))
                hash.Append(Encoding.UTF8.GetBytes($"{root}\t{digest}\n"));
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    private static async Task<string[]> DigestsAsync(IInputSource source, IReadOnlyList<InputObject> files, CancellationToken cancellationToken)
    {
        var digests = new string[files.Count];
        await Parallel.ForAsync(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = source.ReadParallelism, CancellationToken = cancellationToken },
            async (index, token) => digests[index] = await DigestAsync(source, files[index], token));
        return digests;
    }

    /// <summary>An object's one-part ETag is its MD5 (a multipart one has a dash and a part count); anything else is read.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351",
        Justification = "MD5 here names content as S3's ETags do, so a folder and a bucket give the same fingerprint; nothing is secured by it.")]
    private static async Task<string> DigestAsync(IInputSource source, InputObject file, CancellationToken cancellationToken)
    {
        if (file.ETag is { Length: 32 } etag && etag.All(char.IsAsciiHexDigit))
            return etag.ToLowerInvariant();
        await using var content = source.Open(file, cancellationToken);
        return Convert.ToHexStringLower(await MD5.HashDataAsync(content, cancellationToken));
    }
}
