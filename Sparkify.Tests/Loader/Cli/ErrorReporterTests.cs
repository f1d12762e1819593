using System.Net;
using Amazon.S3;
using Sparkify.Loader.Cli;

namespace Sparkify.Tests.Loader.Cli;

/// <summary>Failures people can fix are one line that says what to check; anything else stays a crash with its stack.</summary>
public sealed class ErrorReporterTests
{
    [Fact]
    public void An_unreachable_S3_endpoint_is_one_line_naming_the_setting_to_check()
    {
        var line = ErrorReporter.Explain(new HttpRequestException("Connection refused (127.0.0.1:9)"));

        Assert.Equal("error (S3 unreachable): Connection refused (127.0.0.1:9). Check [S3] ENDPOINT (empty for AWS itself) and this machine's network.", line);
    }

    [Fact]
    public void An_S3_refusal_names_its_status_and_code()
    {
        var line = ErrorReporter.Explain(new AmazonS3Exception("Access Denied") { StatusCode = HttpStatusCode.Forbidden, ErrorCode = "AccessDenied" });

        Assert.Equal("error (S3): Access Denied (HTTP 403, AccessDenied). Check the bucket and prefix in [S3] and the credentials' rights to them.", line);
    }

    [Fact]
    public void A_bug_is_not_explained_away()
    {
        Assert.Null(ErrorReporter.Explain(new FormatException("a bug")));
    }
}
