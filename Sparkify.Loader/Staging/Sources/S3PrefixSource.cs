using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Sparkify.Loader.Staging.Sources;

/// <summary>The input objects below an S3 prefix (<see cref="InputFileRule"/>), listed page by page and streamed as they are read.</summary>
/// <remarks>
/// A failed request (throttling, 5xx, a refused connection) is retried by the client (<see cref="S3Clients"/>); a body whose
/// connection drops midway is read on from where it stopped (<see cref="ResumingStream"/>, through <see cref="OpenAt"/>).
/// </remarks>
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
        string? folder = null;
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
                {
                    // Keys come in order, so the objects of one "folder" follow each other and share its string (InputObject).
                    var uri = location.KeyUri(item.Key);
                    var split = uri.LastIndexOf('/') + 1;
                    if (folder is null || !uri.AsSpan(0, split).SequenceEqual(folder))
                        folder = uri[..split];
                    objects.Add(new InputObject(folder, uri[split..], item.Size ?? 0, (item.LastModified ?? DateTime.UnixEpoch).ToUniversalTime(),
                        item.ETag?.Trim('"')));
                }
                else
                    others.Add(location.KeyUri(item.Key));
            }
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        objects.Sort(InputObject.CompareByName);
        others.Sort(StringComparer.Ordinal);
        return new InputListing(objects, others, []);
    }

    /// <summary>
    /// A GET of the object, or, to resume a dropped read, a GET of its bytes from <paramref name="offset"/> on (a Range) with the
    /// ETag its read began with pinned (If-Match), so S3 refuses to serve another version.
    /// </summary>
    /// <remarks>
    /// The ETag is used only as S3 means it, a tag that changes whenever the object is written (it is no MD5 for multipart or
    /// KMS-encrypted objects, and is not compared with the content). A store that ignores If-Match (s3rver does) is caught by the
    /// ETag and total length the ranged response carries, which must be the first response's.
    /// </remarks>
    public ObjectRead OpenAt(InputObject item, long offset, ObjectVersion? resuming, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = location.Bucket, Key = S3Location.Parse(item.Name).Prefix };
        if (resuming is { } began)
        {
            request.ByteRange = new ByteRange($"bytes={offset.ToString(CultureInfo.InvariantCulture)}-");
            if (began.Tag.Length > 0)
                request.EtagToMatch = Quoted(began.Tag);
        }
        GetObjectResponse response;
        try
        {
            // Parsers run on their own threads, so waiting for the response headers here blocks no one else.
            response = client.GetObjectAsync(request, cancellationToken).GetAwaiter().GetResult();
        }
        catch (AmazonS3Exception e) when (resuming is not null && e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound
                                              or HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new InputChangedException(item.Name, e.StatusCode == HttpStatusCode.NotFound ? "it was deleted" : "its ETag is not the one its read began with");
        }
        var version = new ObjectVersion(resuming is null ? response.ContentLength : TotalLength(response), Unquoted(response.ETag));
        if (resuming is { } expected && expected != version)
        {
            response.Dispose();
            throw new InputChangedException(item.Name, "its ETag or size is not what it was when the read began");
        }
        return new ObjectRead(new ResponseOwningStream(response, item.Name), version);
    }

    /// <summary>The object's whole length, from a ranged response's <c>Content-Range: bytes 100-199/200</c>; -1 when it does not say.</summary>
    private static long TotalLength(GetObjectResponse response) =>
        response.ContentRange is { } range && range.LastIndexOf('/') is >= 0 and var slash
            && long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : -1;

    private static string Unquoted(string? etag) => etag?.Trim('"') ?? "";

    private static string Quoted(string etag) => $"\"{etag}\"";

    /// <summary>The object's body, disposing the response with it.</summary>
    private sealed class ResponseOwningStream(GetObjectResponse response, string name) : ReadOnlyStream(response.ResponseStream)
    {
        public override long Length => response.ContentLength;

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return Inner.Read(buffer, offset, count);
            }
            // At the end of a whole one-part object the SDK compares the MD5 of the bytes read with the ETag, which is their MD5
            // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html): the bytes already parsed are not the object S3
            // describes. Reading it again cannot mend what was parsed, so the run stops, naming the object.
            catch (AmazonClientException e) when (e.InnerException is null && e.Message.StartsWith("Expected hash not equal to calculated hash", StringComparison.Ordinal))
            {
                throw new InputChangedException(name, "the bytes read do not match its ETag, the MD5 S3 keeps of it: it was rewritten, or damaged on the way");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                response.Dispose();
            base.Dispose(disposing);
        }
    }
}
