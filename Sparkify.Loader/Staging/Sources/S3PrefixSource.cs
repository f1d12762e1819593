using Amazon.S3;
using Amazon.S3.Model;

namespace Sparkify.Loader.Staging.Sources;

/// <summary>The input objects below an S3 prefix (<see cref="InputFileRule"/>), listed page by page and streamed as they are read.</summary>
/// <remarks>Transient failures (throttling, 5xx, dropped connections) are retried by the client: see <see cref="S3Clients"/>.</remarks>
public sealed class S3PrefixSource(IAmazonS3 client, S3Location location) : IInputSource
{
    public string Location => location.ToString();

    // Each GET waits mostly on the network, and the song data is thousands of tiny objects: many requests
    // in flight keep the parsers fed (AWS's guidance for S3 throughput is parallel requests).
    public int ReadParallelism => Math.Max(16, Environment.ProcessorCount);

    public async Task<InputListing> ListAsync(CancellationToken cancellationToken)
    {
        var objects = new List<InputObject>();
        var others = new List<string>();
        var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix };
        ListObjectsV2Response page;
        do
        {
            page = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                if (item.Key.EndsWith('/'))
                    continue; // a "folder" marker some tools write: no content
                if (InputFileRule.IsInput(item.Key))
                    objects.Add(new InputObject(location.KeyUri(item.Key), item.Size ?? 0,
                        (item.LastModified ?? DateTime.UnixEpoch).ToUniversalTime(), item.ETag?.Trim('"')));
                else
                    others.Add(location.KeyUri(item.Key));
            }
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        objects.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        others.Sort(StringComparer.Ordinal);
        return new InputListing(objects, others, []);
    }

    public Stream Open(InputObject item, CancellationToken cancellationToken)
    {
        var key = S3Location.Parse(item.Name).Prefix;
        // Parsers run on their own threads, so waiting for the response headers here blocks no one else.
        var response = client.GetObjectAsync(location.Bucket, key, cancellationToken).GetAwaiter().GetResult();
        return new ResponseOwningStream(response);
    }

    /// <summary>The object's body, disposing the response with it.</summary>
    private sealed class ResponseOwningStream(GetObjectResponse response) : ReadOnlyStream(response.ResponseStream)
    {
        public override long Length => response.ContentLength;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                response.Dispose();
            base.Dispose(disposing);
        }
    }
}
