namespace Sparkify.Loader.Staging.Sources;

/// <summary>An <c>s3://bucket/prefix</c> URI, split.</summary>
public sealed record S3Location(string Bucket, string Prefix)
{
    public static bool IsS3(string location) => location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    public static S3Location Parse(string uri)
    {
        if (!IsS3(uri))
            throw new ArgumentException($"'{uri}' is not an s3:// URI.", nameof(uri));
        var path = uri[5..];
        var slash = path.IndexOf('/');
        return slash < 0 ? new(path, "") : new(path[..slash], path[(slash + 1)..]);
    }

    public string KeyUri(string key) => $"s3://{Bucket}/{key}";

    public override string ToString() => $"s3://{Bucket}/{Prefix}";
}
