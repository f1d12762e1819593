using System.Text.RegularExpressions;
using Sparkify.Data.Settings;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>The dwh.cfg values a Redshift COPY is built from, validated so that none can change the statement's meaning.</summary>
public sealed partial record RedshiftCopySettings(string SongData, string LogData, string LogJsonPath, string IamRoleArn, string Region, int MaxError)
{
    /// <summary>Where each run writes its manifests (and compacted songs); null when every run copies the whole input prefixes.</summary>
    public string? ManifestPrefix { get; init; }

    /// <summary>How many gzip objects a run's new song files are rewritten as; 0 copies them as they are.</summary>
    public int SongCompactFiles { get; init; } = 4;

    /// <summary>The input prefix of a staging table.</summary>
    public string Input(StagingTable table) => table == StagingTable.Events ? LogData : SongData;

    /// <summary>Where a run's files for a table go: <c>{prefix}/run-{id}/{table}</c> (<c>run-{id}</c> itself for a plan, made before
    /// the run has an id). Give each warehouse a prefix of its own.</summary>
    public string RunFolder(long? runId, StagingTable table) =>
        $"{ManifestPrefix?.TrimEnd('/') ?? throw new InvalidOperationException("No manifest prefix is set.")}/run-{runId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "{id}"}/{table.Name}";

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
            ManifestPrefix = config.ManifestPrefix is null ? null : S3Uri(config.ManifestPrefix, "[S3] MANIFEST_PREFIX"),
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
