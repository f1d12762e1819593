using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>A read is resumed after a failure of the read itself, and stops for good on one of the object or the request.</summary>
public sealed class ReadFailureTests
{
    public static TheoryData<string, bool> Failures => new()
    {
        { "a reset connection", true },
        { "an HTTP connection that failed", true },
        { "a timeout", true },
        { "HttpClient's own timeout", true },
        { "S3 failing on its side (500)", true },
        { "S3 asking to slow down (503)", true },
        { "the client's error over a dropped connection", true },
        { "a file that is gone", false },
        { "a folder that is gone", false },
        { "a file changed under the read", false },
        { "no permission to read", false },
        { "S3 denying access (403)", false },
        { "S3 with no such key (404)", false },
        { "S3's failed If-Match (412)", false },
        { "the client without credentials", false },
        { "gzip data that is damaged", false },
    };

    private static Exception Make(string failure) => failure switch
    {
        "a reset connection" => new IOException("Connection reset by peer"),
        "an HTTP connection that failed" => new HttpRequestException("An error occurred while sending the request."),
        "a timeout" => new TimeoutException(),
        "HttpClient's own timeout" => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()),
        "S3 failing on its side (500)" => new AmazonS3Exception("We encountered an internal error.") { StatusCode = HttpStatusCode.InternalServerError },
        "S3 asking to slow down (503)" => new AmazonS3Exception("Please reduce your request rate.") { StatusCode = HttpStatusCode.ServiceUnavailable },
        "the client's error over a dropped connection" => new AmazonClientException("Unable to read data", new IOException("Connection reset by peer")),
        "a file that is gone" => new FileNotFoundException("gone", "x.json"),
        "a folder that is gone" => new DirectoryNotFoundException(),
        "a file changed under the read" => new InputChangedException("x.json", "its size or last write time is not what it was when the read began"),
        "no permission to read" => new UnauthorizedAccessException(),
        "S3 denying access (403)" => new AmazonS3Exception("Access Denied") { StatusCode = HttpStatusCode.Forbidden },
        "S3 with no such key (404)" => new AmazonS3Exception("The specified key does not exist.") { StatusCode = HttpStatusCode.NotFound },
        "S3's failed If-Match (412)" => new AmazonS3Exception("At least one of the pre-conditions you specified did not hold") { StatusCode = HttpStatusCode.PreconditionFailed },
        "the client without credentials" => new AmazonClientException("Failed to resolve AWS credentials."),
        "gzip data that is damaged" => new InvalidDataException("The archive entry was compressed using an unsupported compression method."),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_read_on_after_only_when_it_is_of_the_read_itself(string failure, bool transient)
    {
        Assert.Equal(transient, ReadFailures.IsTransient(Make(failure), CancellationToken.None));
    }

    [Fact]
    public void Nothing_is_read_on_after_once_the_run_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(ReadFailures.IsTransient(new IOException("Connection reset by peer"), cancelled.Token));
        Assert.False(ReadFailures.IsTransient(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }
}
