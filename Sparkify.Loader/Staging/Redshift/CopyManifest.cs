using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>One object a COPY manifest names: its URI and size in bytes.</summary>
public sealed record ManifestEntry(string Uri, long Size);

/// <summary>Writes a Redshift COPY manifest: the exact objects one COPY loads, each mandatory, with its length.</summary>
/// <remarks>https://docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html</remarks>
public static class CopyManifest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="entries"/> to <paramref name="manifest"/> (an s3:// URI); returns that URI.</summary>
    public static async Task<string> WriteAsync(IAmazonS3 client, string manifest, IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken)
    {
        var body = new { entries = entries.Select(e => new { url = e.Uri, mandatory = true, meta = new { content_length = e.Size } }) };
        var location = S3Location.Parse(manifest);
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Prefix,
            ContentBody = JsonSerializer.Serialize(body, Indented),
            ContentType = "application/json",
            UseChunkEncoding = false,
        }, cancellationToken);
        return manifest;
    }
}
