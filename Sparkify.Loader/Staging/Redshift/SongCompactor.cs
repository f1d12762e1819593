using System.IO.Compression;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Sparkify.Loader.Staging.Sources;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>One object compaction wrote: its URI, its size in bytes, and how many song records it holds.</summary>
public sealed record CompactedPart(string Uri, long Size, int Records);

/// <summary>
/// Rewrites many small song files as a few gzip-compressed NDJSON objects, so that Redshift loads them with
/// one COPY over evenly sized files.
/// </summary>
/// <remarks>
/// AWS's loading guidance: one COPY per table, compressed files of 1 MB to 1 GB after compression, in a
/// count that is a multiple of the cluster's slices.
/// https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-use-multiple-files.html
/// Each part is written to a temporary file before its upload, so memory stays flat however many songs.
/// </remarks>
public sealed class SongCompactor(IAmazonS3 client)
{
    /// <summary>Rewrites <paramref name="objects"/> of <paramref name="source"/> as at most <paramref name="parts"/> objects under <paramref name="target"/>.</summary>
    public async Task<IReadOnlyList<CompactedPart>> CompactAsync(IInputSource source, IReadOnlyList<InputObject> objects, S3Location target, int parts,
        CancellationToken cancellationToken)
    {
        var groups = Balance(objects, PartCount(objects.Count, parts));
        var written = new CompactedPart[groups.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, groups.Count), cancellationToken, async (index, token) =>
            written[index] = await WritePartAsync(source, groups[index], target, index, token));
        return written;
    }

    /// <summary>How many parts <paramref name="objects"/> objects are rewritten as, given at most <paramref name="parts"/>: never an empty one.</summary>
    public static int PartCount(int objects, int parts) => Math.Min(parts, Math.Max(1, objects));

    /// <summary>The s3:// URI of part <paramref name="index"/> under <paramref name="target"/>.</summary>
    public static string PartUri(S3Location target, int index) => target.KeyUri(PartKey(target, index));

    private static string PartKey(S3Location target, int index) => $"{target.Prefix.TrimEnd('/')}/part-{index:0000}.json.gz".TrimStart('/');

    /// <summary>Deals objects out largest first, each to the lightest part, so parts end up near equal in size.</summary>
    private static List<List<InputObject>> Balance(IReadOnlyList<InputObject> objects, int parts)
    {
        var groups = Enumerable.Range(0, parts).Select(_ => new List<InputObject>()).ToList();
        var sizes = new long[parts];
        foreach (var item in objects.OrderByDescending(o => o.Size).ThenBy(o => o.Name, StringComparer.Ordinal))
        {
            var lightest = Array.IndexOf(sizes, sizes.Min());
            groups[lightest].Add(item);
            sizes[lightest] += item.Size;
        }
        return groups;
    }

    private async Task<CompactedPart> WritePartAsync(IInputSource source, IReadOnlyList<InputObject> items, S3Location target, int index,
        CancellationToken cancellationToken)
    {
        var key = PartKey(target, index);
        var temporary = Path.GetTempFileName();
        try
        {
            var records = 0;
            await using (var file = File.Create(temporary))
            await using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            {
                foreach (var item in items)
                {
                    await using var raw = source.Open(item, cancellationToken);
                    await using var input = InputFileRule.Decode(raw, item);
                    // One compact object per line, whatever the layout of the file it came from.
                    JsonRecordSplitter.Split(input, item.Name, (json, _) =>
                    {
                        using (var document = JsonDocument.Parse(json.ToArray()))
                        using (var writer = new Utf8JsonWriter(gzip))
                            document.WriteTo(writer);
                        gzip.WriteByte((byte)'\n');
                        records++;
                    });
                }
            }
            var size = new FileInfo(temporary).Length;
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = target.Bucket,
                Key = key,
                FilePath = temporary,
                ContentType = "application/gzip",
                UseChunkEncoding = false,
            }, cancellationToken);
            return new CompactedPart(target.KeyUri(key), size, records);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
