using System.Diagnostics;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server on loopback: s3rver (npm), installed by .ci/run into .tools/ (or found
/// through SPARKIFY_S3RVER), started here and seeded with the real data set under one bucket.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string Bucket = "sparkify-data";

    /// <summary>The Region s3rver gives every bucket: its location constraint is empty, which S3 reads as us-east-1.</summary>
    public const string Region = "us-east-1";

    /// <summary>The real data set's JSONPaths file, as the server holds it.</summary>
    public const string JsonPaths = $"s3://{Bucket}/log_json_path.json";
    public const string AccessKey = "S3RVER"; // s3rver's fixed development credentials, not a secret
    private const string SecretKey = "S3RVER";

    private Process? _process;
    private string? _directory;

    /// <summary>Why the tests that need this server cannot run here, or null when they can.</summary>
    public string? Unavailable { get; private set; }
    public string Endpoint { get; private set; } = "";
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKey, SecretKey);

    public static string? Executable =>
        Environment.GetEnvironmentVariable("SPARKIFY_S3RVER") is { Length: > 0 } configured ? configured
        : Path.Combine(DataPaths.RepositoryRoot, ".tools", "node_modules", ".bin", "s3rver") is var local && File.Exists(local) ? local
        : null;

    public async ValueTask InitializeAsync()
    {
        if (Executable is not { } s3rver)
        {
            Unavailable = "s3rver is not installed: run 'npm install --prefix .tools s3rver@3.7.1' (as .ci/run does) or set SPARKIFY_S3RVER.";
            return;
        }
        if (!Directory.Exists(Path.Combine(DataPaths.RealData, "song_data")))
        {
            Unavailable = $"The real data set is not at {DataPaths.RealData}.";
            return;
        }

        _directory = Directory.CreateTempSubdirectory("sparkify-s3rver-").FullName;
        var port = Sparkify.Server.FreePort.Pick();
        var start = new ProcessStartInfo(s3rver) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--directory", _directory, "--address", "127.0.0.1", "--port", port.ToString(), "--silent" })
            start.ArgumentList.Add(argument);
        // Node 20 needs the legacy OpenSSL provider for s3rver's ListObjectsV2 paging (it fails with 500 otherwise).
        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = $"http://127.0.0.1:{port}";
        await WaitForPortAsync(port);
        await SeedAsync();
    }

    /// <summary>A client for the test server, as the loader would build one.</summary>
    public AmazonS3Client Client() => new(Credentials, new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-west-2",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
            _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        if (_directory is not null)
            Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Task SeedAsync() => SeedAsync(Bucket, DataPaths.RealData);

    /// <summary>Makes <paramref name="bucket"/> and puts every JSON file below <paramref name="folder"/> in it, keyed by its path there.</summary>
    public async Task SeedAsync(string bucket, string folder)
    {
        using var client = Client();
        await client.PutBucketAsync(bucket);
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).ToList();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (file, cancellationToken) =>
        {
            // Unchunked uploads: AWSSDK.S3 v4's streaming signature framing would otherwise be stored inside the object.
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = Path.GetRelativePath(folder, file).Replace('\\', '/'),
                FilePath = file,
                UseChunkEncoding = false,
            }, cancellationToken);
        });
    }

    /// <summary>
    /// Rewrites an object's stored bytes behind the server's back, keeping their length and the file's write time: s3rver then
    /// serves the new content under the old ETag (kept in a file beside it since the PUT), size and LastModified, as a store
    /// whose tags do not follow the content would. What the listing cannot see, and <c>--verify-input</c> is for.
    /// </summary>
    /// <remarks>
    /// The AWS SDK checks a one-part object's MD5 ETag when it reads the whole body, and refuses the new bytes; give the object
    /// a multipart ETag first (<see cref="GiveMultipartETag"/>) for a rewrite only a content hash can see.
    /// </remarks>
    public void RewriteInPlace(string bucket, string key, Func<string, string> edit) => LocalFiles.RewriteInPlace(Stored(bucket, key, "object"), edit);

    /// <summary>
    /// Gives an object the ETag S3 gives one uploaded in two parts: the MD5 of the parts' MD5s, a dash and the part count, which
    /// is no hash of the content (s3rver gives even multipart uploads the content's MD5). Its ETag is kept in a file of its own.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "S3's ETag is an MD5 by S3's definition; nothing is secured by it.")]
    public string GiveMultipartETag(string bucket, string key)
    {
        var content = File.ReadAllBytes(Stored(bucket, key, "object"));
        var half = content.Length / 2;
        var etag = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(
            [.. System.Security.Cryptography.MD5.HashData(content[..half]), .. System.Security.Cryptography.MD5.HashData(content[half..])])) + "-2";
        File.WriteAllText(Stored(bucket, key, "object.md5"), etag);
        return etag;
    }

    /// <summary>Where s3rver keeps an object's part (<c>object</c>, <c>object.md5</c>, <c>metadata.json</c>) on disk.</summary>
    private string Stored(string bucket, string key, string part)
    {
        var parts = key.Split('/');
        return Path.Combine([_directory!, bucket, .. parts[..^1], $"{parts[^1]}._S3rver_{part}"]);
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"s3rver did not listen on port {port} within 10 s.");
    }
}
