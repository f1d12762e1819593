using System.Net;
using Amazon.Runtime;

namespace Sparkify.Loader.Staging.Sources;

/// <summary>Which failures of a read are worth reading on after (<see cref="ResumingStream"/>), and which are final.</summary>
public static class ReadFailures
{
    /// <summary>
    /// Transient: the read broke, not the object or the request. A dropped or reset connection and a local read error
    /// (<see cref="IOException"/>, <see cref="HttpRequestException"/>), a timeout, S3 busy or failing on its side (5xx,
    /// 429 and 503 SlowDown) are read on from where they stopped: the next attempt may well succeed, and the bytes
    /// already read are still good.
    /// </summary>
    /// <remarks>
    /// Final: the object changed (<see cref="InputChangedException"/>), is gone or refused (<see cref="FileNotFoundException"/>,
    /// <see cref="DirectoryNotFoundException"/>, <see cref="UnauthorizedAccessException"/>, S3's 4xx: no such key, access denied,
    /// a failed precondition), the run was cancelled, or the client is misconfigured (an <see cref="AmazonClientException"/>
    /// without a transient cause, such as missing credentials). Retrying those repeats the same answer, or worse, reads another
    /// version of the object; so the run stops with the one-line error they carry.
    /// </remarks>
    public static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        _ when cancellationToken.IsCancellationRequested => false,
        InputChangedException or FileNotFoundException or DirectoryNotFoundException or PathTooLongException => false,
        AmazonServiceException { StatusCode: var status } when status != 0 =>
            (int)status >= 500 || status == HttpStatusCode.TooManyRequests || status == HttpStatusCode.RequestTimeout,
        IOException or HttpRequestException or TimeoutException => true,
        // HttpClient's own timeout is a cancellation nobody asked for.
        OperationCanceledException => true,
        AmazonClientException or AmazonServiceException => error.InnerException is { } inner && IsTransient(inner, cancellationToken),
        _ => false,
    };
}
