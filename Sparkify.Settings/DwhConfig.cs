using Npgsql;

namespace Sparkify.Settings;

/// <summary>The settings of <c>dwh.cfg</c>: where the warehouse lives and where its input comes from.</summary>
public sealed record DwhConfig
{
    /// <summary>Environment variable that supplies (or overrides) <c>[CLUSTER] DB_PASSWORD</c>.</summary>
    public const string PasswordVariable = "SPARKIFY_DB_PASSWORD";

    /// <summary>The full path of the file these settings came from.</summary>
    public required string Path { get; init; }

    public DatabaseEngine Engine { get; init; } = DatabaseEngine.Postgres;

    /// <summary>
    /// Redshift Serverless rather than a provisioned cluster: <c>[CLUSTER] ENGINE = redshift-serverless</c>, or
    /// <c>ENGINE = redshift</c> with a workgroup endpoint (<c>*.redshift-serverless.amazonaws.com</c>). The SQL is the
    /// same; what differs is where the load-error log is (Serverless has no STL views).
    /// </summary>
    public bool RedshiftServerless { get; init; }

    /// <summary>The database server; null means the embedded PostgreSQL the loader runs itself.</summary>
    public string? Host { get; init; }
    /// <summary><c>[CLUSTER] DB_PORT</c>; 5432 by default on PostgreSQL, 5439 on Redshift.</summary>
    public int Port { get; init; } = 5432;
    public string Database { get; init; } = "sparkify";
    public string User { get; init; } = "postgres";
    public string? Password { get; init; }

    public string? IamRoleArn { get; init; }

    /// <summary>Song metadata: a local directory (resolved against the cfg file's folder).</summary>
    public string? SongData { get; init; }
    /// <summary>Event logs: a local directory (resolved against the cfg file's folder).</summary>
    public string? LogData { get; init; }
    public string? LogJsonPath { get; init; }

    /// <summary>SONG_DATA and LOG_DATA where they name local paths, as written and resolved, to check before anything starts.</summary>
    public IReadOnlyList<LocalInput> LocalInputs { get; init; } = [];
    /// <summary><c>[S3] REGION</c>: the bucket's AWS region, which Redshift's COPY needs when it differs from the cluster's.</summary>
    public string Region { get; init; } = "us-west-2";
    /// <summary><c>[S3] MAXERROR</c>: how many bad records a run may skip on either engine (0: none); <c>--max-errors</c> overrides it.</summary>
    public int MaxError { get; init; }
    /// <summary><c>[S3] ENDPOINT</c>: the URL of an S3-compatible store; empty for AWS itself.</summary>
    public string? S3Endpoint { get; init; }
    /// <summary><c>[S3] ANONYMOUS = true</c>: read public buckets without credentials.</summary>
    public bool S3Anonymous { get; init; }
    /// <summary>
    /// <c>[S3] MANIFEST_PREFIX</c> (formerly <c>SONG_COMPACT_PREFIX</c>): on Redshift, an s3:// prefix of your own where each
    /// run writes the COPY manifests of the objects it stages (only those its ledger lacks) and its compacted song files.
    /// Empty: every run copies the whole input prefixes.
    /// </summary>
    public string? ManifestPrefix { get; init; }
    /// <summary><c>[S3] SONG_COMPACT_FILES</c>: how many gzip objects a run's new song files are rewritten as (a multiple of the
    /// cluster's slices); 0 copies them as they are.</summary>
    public int SongCompactFiles { get; init; } = 4;

    /// <summary><c>[S3] OTHER_FILES = error</c>: a file under an input folder that is not input stops the run (default <c>warn</c>: it is named).</summary>
    public bool OtherFilesAreErrors { get; init; }

    /// <summary><c>[S3] EARLIEST_EVENT</c> (UTC date or time): an event before it is bad input. Null: the loader's default.</summary>
    public DateTime? EarliestEvent { get; init; }

    /// <summary><c>[S3] LATEST_EVENT</c> (UTC date or time): an event after it is bad input. Null: a day after the run starts.</summary>
    public DateTime? LatestEvent { get; init; }

    /// <summary>
    /// <c>[S3] VERIFY_INPUT = true</c>: every run reads and hashes every listed input file, and restages a table whose staged
    /// file's content changed even though its size and write time (or ETag) did not; <c>--verify-input</c> asks it for one run.
    /// </summary>
    public bool VerifyInput { get; init; }

    /// <summary>No <c>[CLUSTER] HOST</c>: the loader runs a server of its own (Sparkify.Server's <c>EmbeddedDataFolder</c> says where its data lives).</summary>
    public bool UsesEmbeddedServer => Host is null;

    /// <summary>
    /// What is wrong but harmless in the file: sections and keys the loader does not read (a misspelt
    /// <c>DB_PASWORD</c>, say), one line each, naming file, line and the nearest known name. Never a value.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Throws the one-line error of the first local input that cannot be read: before a server is created or started for a load that would fail.</summary>
    public DwhConfig CheckLocalInputs() =>
        LocalInputs.Select(input => input.Problem()).FirstOrDefault(problem => problem is not null) is { } problem
            ? throw new ConfigurationException($"{Path}: {problem}")
            : this;

    public static DwhConfig Load(string path)
    {
        var ini = IniFile.Load(path);
        var warnings = UnknownSettings.Find(ini);
        try
        {
            return FromIni(ini) with { Warnings = warnings };
        }
        catch (ConfigurationException e) when (warnings.Count > 0)
        {
            // A misspelt key is often the cause (HOTS leaves a Redshift HOST empty): show it with the error.
            throw new ConfigurationException(string.Join(Environment.NewLine, [e.Message, .. warnings]));
        }
    }

    /// <summary>The <c>[CLUSTER] ENGINE</c> value for Redshift Serverless.</summary>
    public const string ServerlessEngine = "redshift-serverless";

    /// <summary>How a Redshift Serverless workgroup's endpoint ends: <c>{workgroup}.{account}.{region}.redshift-serverless.amazonaws.com</c>.</summary>
    /// <remarks>https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-connecting.html</remarks>
    public const string ServerlessEndpointSuffix = ".redshift-serverless.amazonaws.com";

    /// <summary>The [S3] keys that name the input, a local path or an s3:// prefix each.</summary>
    private static readonly string[] InputKeys = ["SONG_DATA", "LOG_DATA"];

    private static DwhConfig FromIni(IniFile ini)
    {
        // Every lookup goes through KnownSettings, the one list of keys that the unknown-name check also reads.
        string? Get(string section, string key) => KnownSettings.Get(ini, section, key);
        var folder = System.IO.Path.GetDirectoryName(ini.Path)!;
        // s3:// URIs pass through untouched; anything else is a local path, relative to the cfg file.
        string? Location(string key) => Get("S3", key) is { } value
            ? value.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) ? value : System.IO.Path.GetFullPath(value, folder)
            : null;
        int? Number(string section, string key, int min, int max) => Get(section, key) is not { } text ? null
            : int.TryParse(text, out var n) && n >= min && n <= max ? n
            : throw new ConfigurationException($"{ini.Path}: [{section}] {key} must be a whole number from {min} to {max}, found '{text}'.");

        DateTime? Time(string key) => Get("S3", key) is not { } text ? null
            : DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
                ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
                : throw new ConfigurationException($"{ini.Path}: [S3] {key} must be a UTC date or time such as 2018-11-01 or 2018-11-01T00:00:00, found '{text}'.");

        var localInputs = InputKeys
            .Where(key => Get("S3", key) is { } value && !value.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            .Select(key => new LocalInput($"[S3] {key}", Get("S3", key)!, Location(key)!))
            .ToList();

        bool Flag(string key) => Get("S3", key)?.ToLowerInvariant() switch
        {
            null or "false" or "no" or "0" => false,
            "true" or "yes" or "1" => true,
            var other => throw new ConfigurationException($"{ini.Path}: [S3] {key} must be true or false, found '{other}'."),
        };

        var engineName = Get("CLUSTER", "ENGINE")?.ToLowerInvariant();
        var engine = engineName switch
        {
            null or "postgres" or "postgresql" => DatabaseEngine.Postgres,
            "redshift" or ServerlessEngine => DatabaseEngine.Redshift,
            var other => throw new ConfigurationException(
                $"{ini.Path}: [CLUSTER] ENGINE must be 'postgres', 'redshift' or '{ServerlessEngine}', found '{other}'."),
        };
        var host = Get("CLUSTER", "HOST");
        if (engine == DatabaseEngine.Redshift && host is null)
            throw new ConfigurationException($"{ini.Path}: [CLUSTER] HOST is empty; a Redshift engine needs the cluster's endpoint (see docs/redshift.md).");
        return new DwhConfig
        {
            Path = ini.Path,
            Engine = engine,
            RedshiftServerless = engineName == ServerlessEngine
                || engine == DatabaseEngine.Redshift && host!.EndsWith(ServerlessEndpointSuffix, StringComparison.OrdinalIgnoreCase),
            Host = host,
            Port = Number("CLUSTER", "DB_PORT", 1, 65535) ?? (engine == DatabaseEngine.Redshift ? 5439 : 5432),
            Database = Get("CLUSTER", "DB_NAME") ?? "sparkify",
            User = Get("CLUSTER", "DB_USER") ?? "postgres",
            Password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : Get("CLUSTER", "DB_PASSWORD"),
            IamRoleArn = Get("IAM_ROLE", "ARN"),
            SongData = Location("SONG_DATA"),
            LogData = Location("LOG_DATA"),
            LogJsonPath = Location("LOG_JSONPATH"),
            LocalInputs = localInputs,
            Region = Get("S3", "REGION") ?? "us-west-2",
            MaxError = Number("S3", "MAXERROR", 0, 100_000) ?? 0,
            S3Endpoint = Get("S3", "ENDPOINT"),
            ManifestPrefix = Get("S3", "MANIFEST_PREFIX") ?? Get("S3", "SONG_COMPACT_PREFIX"),
            SongCompactFiles = Number("S3", "SONG_COMPACT_FILES", 0, 10_000) ?? 4,
            OtherFilesAreErrors = Get("S3", "OTHER_FILES")?.ToLowerInvariant() switch
            {
                null or "warn" => false,
                "error" => true,
                var other => throw new ConfigurationException($"{ini.Path}: [S3] OTHER_FILES must be warn or error, found '{other}'."),
            },
            EarliestEvent = Time("EARLIEST_EVENT"),
            LatestEvent = Time("LATEST_EVENT"),
            S3Anonymous = Flag("ANONYMOUS"),
            VerifyInput = Flag("VERIFY_INPUT"),
        };
    }

    /// <summary>The connection string for a configured server (not the embedded one).</summary>
    /// <remarks>Redshift connections require SSL; Redshift clusters accept nothing else by default.</remarks>
    public string ConnectionString() =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host ?? throw new InvalidOperationException("The embedded server supplies its own connection string."),
            Port = Port,
            Database = Database,
            Username = User,
            Password = Password,
            SslMode = Engine == DatabaseEngine.Redshift ? SslMode.Require : SslMode.Prefer,
        }.ConnectionString;

    /// <summary>Finds dwh.cfg as <see cref="ConfigFileLocation"/> says: <c>SPARKIFY_CONFIG</c> if set, else the nearest one in this folder or above.</summary>
    public static string Locate() => ConfigFileLocation.Require();
}
