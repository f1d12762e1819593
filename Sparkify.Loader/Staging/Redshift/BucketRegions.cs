using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Sparkify.Settings;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>
/// Checks, before a run writes or copies anything, that the buckets its COPYs read are in <c>[S3] REGION</c>: Redshift's COPY
/// reads the data, the manifests and the JSONPaths file all from the Region its REGION parameter names, and a bucket elsewhere
/// would fail the COPY only after the run had written its manifests.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html#copy-region</remarks>
public static class BucketRegions
{
    /// <summary>
    /// Throws the configuration error for the first of <paramref name="buckets"/> (setting, s3:// URI) in another Region. A bucket
    /// whose Region this client may not ask (a public bucket read anonymously, say) is left for the COPY to judge.
    /// </summary>
    public static async Task CheckAsync(IAmazonS3 client, string region, IEnumerable<(string Setting, string Uri)> buckets, CancellationToken cancellationToken)
    {
        foreach (var (setting, bucket) in buckets.Select(b => (b.Setting, S3Location.Parse(b.Uri).Bucket)).DistinctBy(b => b.Bucket))
        {
            if (await RegionOfAsync(client, bucket, cancellationToken) is { } actual && actual != region)
                throw new ConfigurationException($"{setting} is in bucket {bucket}, which is in {actual}, but [S3] REGION is {region}: Redshift's COPY " +
                    "reads the data, its manifests and the JSONPaths file from REGION's buckets only. Set REGION to the data's Region and keep " +
                    "MANIFEST_PREFIX (and LOG_JSONPATH) in buckets of that Region.");
        }
    }

    /// <summary>The bucket's Region as S3 names it, or null when this client may not ask.</summary>
    /// <remarks>An empty location constraint means us-east-1, and "EU" is eu-west-1's old name
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html).</remarks>
    private static async Task<string?> RegionOfAsync(IAmazonS3 client, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var location = (await client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken)).Location?.Value;
            return location switch
            {
                null or "" => "us-east-1",
                "EU" => "eu-west-1",
                _ => location,
            };
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed)
        {
            return null;
        }
    }
}
