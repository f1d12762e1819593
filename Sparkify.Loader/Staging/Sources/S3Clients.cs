using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Sparkify.Settings;

namespace Sparkify.Loader.Staging.Sources;

/// <summary>Builds the S3 client that dwh.cfg describes.</summary>
public static class S3Clients
{
    /// <summary>
    /// <c>[S3] REGION</c>; <c>[S3] ENDPOINT</c> for an S3-compatible store (path-style addressing);
    /// credentials from the default AWS chain, or anonymous when <c>[S3] ANONYMOUS = true</c> (public buckets
    /// such as the course's) or when the chain has none. Transient errors are retried with backoff.
    /// </summary>
    public static IAmazonS3 Create(DwhConfig config, AWSCredentials? credentials = null)
    {
        var settings = new AmazonS3Config
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 5,
            Timeout = TimeSpan.FromMinutes(2),
        };
        if (config.S3Endpoint is { } endpoint)
        {
            settings.ServiceURL = endpoint;
            settings.ForcePathStyle = true;
            settings.AuthenticationRegion = config.Region;
        }
        else
        {
            settings.RegionEndpoint = RegionEndpoint.GetBySystemName(config.Region);
        }
        return new AmazonS3Client(credentials ?? Credentials(config), settings);
    }

    private static AWSCredentials Credentials(DwhConfig config)
    {
        if (config.S3Anonymous)
            return new AnonymousAWSCredentials();
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException)
        {
            return new AnonymousAWSCredentials(); // no credentials anywhere: a public bucket is still readable
        }
    }
}
