using System.IO.Compression;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Sparkify.Loader.Staging.Sources;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>One object compaction wrote: its URI, its size in bytes, and the song files it holds, in order, with their records' count.</summary>
/// <remarks>Line n of a part is one record: counting the files' records down to n finds the file it came from.</remarks>
public sealed record CompactedPart(string Uri, long Size, IReadOnlyList<(InputObject File, int Records)> Files)
{
    public int Records => Files.Sum(f => f.Records);
}

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
    /// <param name="badRecords">Where a file that cannot be cut into records (not JSON, truncated) goes, as on PostgreSQL; the records
    /// before its fault are still written. A record that is merely malformed is left for COPY to judge.</param>
    public async Task<IReadOnlyList<CompactedPart>> CompactAsync(IInputSource source, IReadOnlyList<InputObject> objects, S3Location target, int parts,
        BadRecords badRecords, CancellationToken cancellationToken)
    {
        var groups = Balance(objects, PartCount(objects.Count, parts));
        var written = new CompactedPart[groups.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, groups.Count), cancellationToken, async (index, token) =>
            written[index] = await WritePartAsync(source, groups[index], target, index, badRecords, token));
        return written;
    }

    /// <summary>How many parts <paramref name="objects"/> objects are rewritten as, given at most <paramref name="parts"/>: never an empty one.</summary>
    public static int PartCount(int objects, int parts) => Math.Min(parts, Math.Max(1, objects));

    /// <summary>The s3:// URI of part <paramref name="index"/> under <paramref name="target"/>.</summary>
    public static string PartUri(S3Location target, int index) => target.KeyUri(PartKey(target, index));

    private static string PartKey(S3Location target, int index) => $"{target.Prefix.TrimEnd('/')}/part-{index:0000}.json.gz".TrimStart('/');

    /// <summary>Writes a record as one line: compacted, or, when it is not valid JSON, as it is with its line breaks made spaces, so that
    /// COPY judges it as it would in its own file and the load-error log names its part's line.</summary>
    private static void WriteOneLine(Stream output, ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            using var writer = new Utf8JsonWriter(output);
            document.WriteTo(writer);
        }
        catch (JsonException)
        {
            var line = json.ToArray();
            for (var i = 0; i < line.Length; i++)
                if (line[i] is (byte)'\n' or (byte)'\r')
                    line[i] = (byte)' ';
            output.Write(line);
        }
        output.WriteByte((byte)'\n');
    }

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

    private async Task<CompactedPart> WritePartAsync(IInputSource source, List<InputObject> items, S3Location target, int index,
        BadRecords badRecords, CancellationToken cancellationToken)
    {
        var key = PartKey(target, index);
        var temporary = Path.GetTempFileName();
        try
        {
            var files = new List<(InputObject, int)>(items.Count);
            await using (var file = File.Create(temporary))
            await using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            {
                foreach (var item in items)
                {
                    await using var raw = source.Open(item, cancellationToken);
                    await using var input = InputFileRule.Decode(raw, item);
                    var records = 0;
                    try
                    {
                        // One compact object per line, whatever the layout of the file it came from.
                        JsonRecordSplitter.Split(input, item.Name, (json, _) =>
                        {
                            WriteOneLine(gzip, json);
                            records++;
                        });
                    }
                    catch (InputException error)
                    {
                        if (badRecords.TryAdd(error, System.Text.Encoding.UTF8.GetBytes(error.RawText ?? "")) is { } tooMany)
                            throw tooMany;
                    }
                    files.Add((item, records));
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
            return new CompactedPart(target.KeyUri(key), size, files);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
