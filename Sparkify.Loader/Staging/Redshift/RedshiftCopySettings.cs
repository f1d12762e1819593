using System.Globalization;
using System.Text.RegularExpressions;
using Sparkify.Settings;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>The dwh.cfg values a Redshift COPY is built from, validated so that none can change the statement's meaning.</summary>
/// <param name="LogJsonPath">The JSONPaths file given as <c>[S3] LOG_JSONPATH</c>; null when the run writes its own under the manifest prefix.</param>
/// <param name="MaxError">The bad records a run may skip (<c>--max-errors</c>, <c>[S3] MAXERROR</c>).</param>
public sealed partial record RedshiftCopySettings(string SongData, string LogData, string? LogJsonPath, string IamRoleArn, string Region, int MaxError)
{
    /// <summary>
    /// The largest <c>--max-errors</c> on Redshift: COPY's MAXERROR goes up to 100,000, and each COPY is given one more than the run
    /// may skip (<see cref="CopyMaxError"/>). https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html#copy-maxerror
    /// </summary>
    public const int LargestMaxError = 99_999;

    /// <summary>Where each run writes its manifests, JSONPaths file and compacted songs; null when every run copies the whole input prefixes.</summary>
    public string? ManifestPrefix { get; init; }

    /// <summary>How many gzip objects a run's new song files are rewritten as; 0 copies them as they are.</summary>
    public int SongCompactFiles { get; init; } = 4;

    /// <summary>
    /// The MAXERROR each COPY gets: one more than the run may skip. The guide says "if the load returns the error_count number of errors
    /// or greater, the load fails", so MAXERROR N would fail on the N-th bad record where PostgreSQL's run skips N; read the other way
    /// (more than N fails), N+1 lets one record too many through the COPY, and the loader, which counts every skipped record from the
    /// load-error log, fails the run on it. Either way exactly N pass and N+1 fail, as on PostgreSQL.
    /// </summary>
    public int CopyMaxError => MaxError + 1;

    /// <summary>The input prefix of a staging table.</summary>
    public string Input(StagingTable table) => table == StagingTable.Events ? LogData : SongData;

    /// <summary>Where a run's files for a table go: <c>{prefix}/run-{id}/{table}</c> (<c>run-{id}</c> itself for a plan, made before
    /// the run has an id). Give each warehouse a prefix of its own.</summary>
    public string RunFolder(long? runId, StagingTable table) =>
        $"{ManifestPrefix?.TrimEnd('/') ?? throw new InvalidOperationException("No manifest prefix is set.")}/run-{runId?.ToString(CultureInfo.InvariantCulture) ?? "{id}"}/{table.Name}";

    /// <summary>
    /// The JSONPaths file the events' COPY reads: the one a run writes beside its manifests (from the model's columns,
    /// <see cref="RedshiftJsonPaths"/>), else the one <c>[S3] LOG_JSONPATH</c> names.
    /// </summary>
    public string JsonPathsFor(long? runId) => ManifestPrefix is null ? LogJsonPath! : RunFolder(runId, StagingTable.Events) + "/jsonpaths.json";

    public static RedshiftCopySettings From(DwhConfig config)
    {
        string Required(string? value, string key) =>
            value ?? throw new ConfigurationException($"{config.Path}: {key} is empty; the Redshift engine needs it (see docs/redshift.md).");
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
        if (config.MaxError > LargestMaxError)
            throw new ConfigurationException($"{config.Path}: on Redshift a run may skip at most {LargestMaxError:N0} bad records (--max-errors, [S3] MAXERROR): " +
                $"each COPY gets one more as its MAXERROR, whose limit is 100,000; found {config.MaxError:N0}.");
        var manifestPrefix = config.ManifestPrefix is null ? null : S3Uri(config.ManifestPrefix, "[S3] MANIFEST_PREFIX");
        if (config.LogJsonPath is null && manifestPrefix is null)
            throw new ConfigurationException($"{config.Path}: [S3] LOG_JSONPATH and MANIFEST_PREFIX are both empty; Redshift's COPY of the event logs needs " +
                "a JSONPaths file, since FORMAT AS JSON 'auto' matches keys to columns case-sensitively and would load userId, sessionId and the " +
                "other camelCase keys as NULL. Set MANIFEST_PREFIX (each run writes the JSONPaths file the model gives there) or LOG_JSONPATH.");

        return new(S3Uri(config.SongData, "[S3] SONG_DATA"), S3Uri(config.LogData, "[S3] LOG_DATA"),
            config.LogJsonPath is null ? null : S3Uri(config.LogJsonPath, "[S3] LOG_JSONPATH"), arn, config.Region, config.MaxError)
        {
            ManifestPrefix = manifestPrefix,
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
