using System.Text.RegularExpressions;
using Sparkify.Data.Settings;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>The dwh.cfg values a Redshift COPY is built from, validated so that none can change the statement's meaning.</summary>
public sealed partial record RedshiftCopySettings(string SongData, string LogData, string LogJsonPath, string IamRoleArn, string Region, int MaxError)
{
    /// <summary>Where compaction writes the song objects and their manifest; null when songs are copied file by file.</summary>
    public string? SongCompactPrefix { get; init; }
    public int SongCompactFiles { get; init; } = 4;

    /// <summary>The manifest compaction writes, which the song COPY then reads.</summary>
    public string? SongManifest => SongCompactPrefix is null ? null : SongCompactPrefix.TrimEnd('/') + "/manifest.json";

    public static RedshiftCopySettings From(DwhConfig config)
    {
        string Required(string? value, string key) =>
            value ?? throw new ConfigurationException($"{config.Path}: {key} is empty; the Redshift engine needs it (see README, \"Redshift\").");
        string S3Uri(string? value, string key)
        {
            var uri = Required(value, key);
            return S3UriPattern().IsMatch(uri) ? uri : throw new ConfigurationException(
                $"{config.Path}: {key} must be an s3://bucket/prefix URI (no quotes, backslashes or control characters), found '{uri}'.");
        }

        var arn = Required(config.IamRoleArn, "[IAM_ROLE] ARN");
        if (!RoleArnPattern().IsMatch(arn))
            throw new ConfigurationException($"{config.Path}: [IAM_ROLE] ARN must look like arn:aws:iam::123456789012:role/RoleName, found '{arn}'.");
        if (!RegionPattern().IsMatch(config.Region))
            throw new ConfigurationException($"{config.Path}: [S3] REGION must be an AWS region name such as us-west-2, found '{config.Region}'.");

        return new(S3Uri(config.SongData, "[S3] SONG_DATA"), S3Uri(config.LogData, "[S3] LOG_DATA"),
            config.LogJsonPath is null ? "auto" : S3Uri(config.LogJsonPath, "[S3] LOG_JSONPATH"), arn, config.Region, config.MaxError)
        {
            SongCompactPrefix = config.SongCompactPrefix is null ? null : S3Uri(config.SongCompactPrefix, "[S3] SONG_COMPACT_PREFIX"),
            SongCompactFiles = config.SongCompactFiles,
        };
    }

    // Bucket names per https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html; keys may hold
    // almost anything, but a quote, a backslash or a control character has no business in a data prefix.
    [GeneratedRegex(@"^s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9](/[^'\\\x00-\x1f]*)?$")]
    private static partial Regex S3UriPattern();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::\d{12}:role/[\w+=,.@\-/]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$")]
    private static partial Regex RegionPattern();
}
