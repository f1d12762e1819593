using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;
using Sparkify.Loader.Staging.Sources;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// A Redshift cluster for one test: a database of its own on the test PostgreSQL server, behind the wire proxy, which hands
/// <see cref="CopyFromS3"/> what PostgreSQL cannot run (COPY from S3) and refuses bind parameters where Redshift documents none
/// (<see cref="RedshiftPrepareRule"/>); everything else the loader sends reaches PostgreSQL unchanged. Its input lives under a
/// prefix of its own on the loopback S3 server.
/// </summary>
/// <remarks>
/// The database is built by the PostgreSQL migrations: Redshift's DDL (DISTKEY, SORTKEY, IDENTITY) is PostgreSQL's undoing, and
/// is checked as text and by sqlfluff instead. The migrator of a Redshift run then finds nothing to apply.
/// </remarks>
public sealed class RedshiftStandIn : IAsyncDisposable
{
    private readonly S3Server _s3;
    private readonly IAmazonS3 _client;

    private RedshiftStandIn(S3Server s3, IAmazonS3 client, TestDatabase database, WireProxy proxy, bool serverless)
    {
        (_s3, _client, Database, Proxy, Serverless) = (s3, client, database, proxy, serverless);
        Prefix = "redshift-" + Guid.NewGuid().ToString("N")[..10];
    }

    /// <summary>The cluster's database, read directly (not through the proxy) by the tests' assertions.</summary>
    public TestDatabase Database { get; }

    public WireProxy Proxy { get; }

    public bool Serverless { get; }

    /// <summary>This cluster's own prefix in <see cref="S3Server.Bucket"/>: its input and its manifests go below it.</summary>
    public string Prefix { get; }

    /// <summary>Starts a cluster; skips the calling test, saying why, when the loopback S3 server is not available.</summary>
    public static async Task<RedshiftStandIn> StartAsync(S3Server s3, bool serverless = false, MaxErrorReading reading = MaxErrorReading.AsDocumented)
    {
        if (s3.Unavailable is { } reason)
            Assert.Skip(reason);
        var database = await TestDatabase.CreateMigratedAsync();
        await using (var connection = await database.OpenAsync())
        {
            await RedshiftSystemTables.CreateAsync(connection);
            if (serverless)
                await new NpgsqlCommand("drop table stl_load_errors", connection).ExecuteNonQueryAsync();
        }
        var client = s3.Client();
        var copy = new CopyFromS3(client, database.ConnectionString, new CopyFromS3.Options(serverless, reading, S3Server.Region));
        var proxy = await WireProxy.StartAsync(database.ConnectionString, copy, RedshiftPrepareRule.Refusal);
        return new RedshiftStandIn(s3, client, database, proxy, serverless);
    }

    /// <summary>The s3:// URI of <paramref name="relative"/> under this cluster's prefix (a URI already is one).</summary>
    public string Uri(string relative) => S3Location.IsS3(relative) ? relative : $"s3://{S3Server.Bucket}/{Prefix}/{relative.Replace('\\', '/')}";

    /// <summary>Uploads the files of <paramref name="root"/> that <paramref name="include"/> takes, each at its path below the prefix.</summary>
    public async Task UploadAsync(string root, Func<string, bool>? include = null)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => include?.Invoke(f) ?? true).ToList();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (file, cancellationToken) =>
            await PutAsync(Path.GetRelativePath(root, file), await File.ReadAllBytesAsync(file, cancellationToken), cancellationToken));
    }

    public async Task PutAsync(string relative, byte[] body, CancellationToken cancellationToken = default)
    {
        var location = S3Location.Parse(Uri(relative));
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = location.Bucket, Key = location.Prefix, InputStream = new MemoryStream(body), UseChunkEncoding = false,
        }, cancellationToken);
    }

    /// <summary>Every key under <paramref name="relative"/>, relative to the prefix.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string relative)
    {
        var listed = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3Server.Bucket, Prefix = $"{Prefix}/{relative}" });
        return [.. (listed.S3Objects ?? []).Select(o => o.Key[(Prefix.Length + 1)..])];
    }

    /// <summary>
    /// Writes a dwh.cfg for the Redshift engine, as a cluster's user would, pointing at this cluster and at inputs under its prefix
    /// (<paramref name="songData"/>, <paramref name="logData"/> relative to it). With <paramref name="manifests"/>, runs copy through
    /// manifests under <c>{prefix}/manifests</c>; <paramref name="logJsonPath"/> is given as LOG_JSONPATH when set.
    /// </summary>
    public DwhConfig Config(string folder, string songData = "song_data", string logData = "log_data", bool manifests = true,
        string? logJsonPath = null, int maxErrors = 0, string region = S3Server.Region, params string[] moreS3)
    {
        var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        var path = Path.Combine(folder, "dwh.cfg");
        File.WriteAllLines(path,
        [
            "[CLUSTER]",
            $"ENGINE = {(Serverless ? DwhConfig.ServerlessEngine : "redshift")}",
            $"HOST = {Proxy.Host}",
            $"DB_PORT = {Proxy.Port}",
            $"DB_NAME = {Database.Name}",
            $"DB_USER = {server.Username}",
            $"DB_PASSWORD = {server.Password}",
            "[IAM_ROLE]",
            $"ARN = {RedshiftConfigFile.RoleArn}",
            "[S3]",
            $"SONG_DATA = {Uri(songData)}",
            $"LOG_DATA = {Uri(logData)}",
            $"LOG_JSONPATH = {logJsonPath ?? ""}",
            $"REGION = {region}",
            $"ENDPOINT = {_s3.Endpoint}",
            $"MANIFEST_PREFIX = {(manifests ? Uri("manifests") : "")}",
            $"MAXERROR = {maxErrors}",
            .. moreS3,
        ]);
        return DwhConfig.Load(path);
    }

    /// <summary>The Redshift engine dwh.cfg describes, its S3 client using the loopback server's credentials.</summary>
    public static IWarehouseEngine Engine(DwhConfig config) => WarehouseEngines.For(config, () => S3Clients.Create(config, S3Server.Credentials));

    /// <summary>Loads as the load command does: the engine dwh.cfg chooses, connecting as dwh.cfg says.</summary>
    public static Task<LoadResult> LoadAsync(DwhConfig config, ILoadObserver? observer = null, bool fullReload = false, TimeSpan? lockWait = null) =>
        Loader(config, observer, fullReload, lockWait).LoadAsync(TestContext.Current.CancellationToken);

    /// <summary>The loader the load command makes from dwh.cfg, for a test that reads what its run found afterwards.</summary>
    public static WarehouseLoader Loader(DwhConfig config, ILoadObserver? observer = null, bool fullReload = false, TimeSpan? lockWait = null) =>
        new(Engine(config), config.ConnectionString(), observer ?? new SilentObserver())
        {
            MaxErrors = config.MaxError, FullReload = fullReload, LockWait = lockWait ?? TimeSpan.FromMinutes(10),
        };

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        _client.Dispose();
        await Database.DisposeAsync();
    }
}
