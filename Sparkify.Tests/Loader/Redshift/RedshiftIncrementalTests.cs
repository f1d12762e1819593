using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using Npgsql;
using Sparkify.Loader.Cli;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Tests.Loader.Staging;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>
/// Incremental staging on Redshift, against the loopback S3 server with the ledger on PostgreSQL: a run lists the prefix
/// with the SDK, diffs it with the ledger by ETag and writes a manifest of only the new objects. The COPY itself needs a
/// cluster; everything up to it, and the ledger's INSERTs, run here.
/// </summary>
[EndToEnd("uses the loopback S3 server")]
[Collection(SharedS3Server.Name)]
public sealed class RedshiftIncrementalTests(S3Server s3)
{
    private readonly string _prefix = "incremental-" + Guid.NewGuid().ToString("N")[..8];

    private RedshiftStager Stager(int songCompactFiles = 0) => new(new RedshiftCopySettings(
        $"s3://{S3Server.Bucket}/{_prefix}/song_data", $"s3://{S3Server.Bucket}/{_prefix}/log_data", null,
        "arn:aws:iam::123456789012:role/sparkify-s3-read", S3Server.Region, 0)
    {
        ManifestPrefix = $"s3://{S3Server.Bucket}/{_prefix}/manifests",
        SongCompactFiles = songCompactFiles,
    }, s3.Client, RedshiftLoadErrorLog.Provisioned);

    [Fact]
    public async Task A_second_run_s_manifest_lists_only_the_object_added_since()
    {
        RequireServer();
        await UploadAsync(Enumerable.Range(1, 3).Select(RealLog));
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();
        var stager = Stager();

        var first = await StageAsync(connection, stager, StagingTable.Events);
        await UploadAsync([RealLog(4)]);
        var second = await StageAsync(connection, stager, StagingTable.Events);

        Assert.Equal(Enumerable.Range(1, 3).Select(LogUri), await ManifestEntriesAsync(first.Manifests.Single().Uri));
        Assert.NotNull(first.RestageReason); // no ledger yet
        Assert.Equal([LogUri(4)], await ManifestEntriesAsync(second.Manifests.Single().Uri));
        Assert.Null(second.RestageReason);
        Assert.Equal(4, await database.ScalarAsync<long>("select count(*) from loaded_files where table_name = 'staging_events' and length(checksum) = 32"));
    }

    [Fact]
    public async Task With_verify_input_a_run_hashes_the_objects_into_the_ledger_and_restages_when_one_s_content_changed_under_its_ETag()
    {
        RequireServer();
        await UploadAsync(Enumerable.Range(1, 3).Select(RealLog));
        var key = LogUri(2)[$"s3://{S3Server.Bucket}/".Length..];
        s3.GiveMultipartETag(S3Server.Bucket, key); // a multipart ETag: no hash of the content, which the SDK then leaves unchecked
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();
        var stager = Stager();
        await StageAsync(connection, stager, StagingTable.Events);
        const string Unhashed = "select count(*) from loaded_files where table_name = 'staging_events' and content_hash is null";
        Assert.Equal(3, await database.ScalarAsync<long>(Unhashed)); // COPY reads them, not the loader

        var first = await StageAsync(connection, stager, StagingTable.Events, verifyInput: true);
        s3.RewriteInPlace(S3Server.Bucket, key, VerifyInputTests.MakeOnePlayPaid);
        var unverified = await StageAsync(connection, stager, StagingTable.Events);
        var verified = await StageAsync(connection, stager, StagingTable.Events, verifyInput: true);

        Assert.StartsWith($"{LogUri(1)} has no content hash in the ledger to verify it by", first.RestageReason);
        Assert.Equal((null, 0), (unverified.RestageReason, unverified.Manifests.Count));
        Assert.Equal($"{LogUri(2)} changed since it was staged (its content, as --verify-input found; its size and ETag did not)", verified.RestageReason);
        Assert.Equal(Enumerable.Range(1, 3).Select(LogUri), await ManifestEntriesAsync(verified.Manifests.Single().Uri));
        Assert.Equal(0, await database.ScalarAsync<long>(Unhashed));
    }

    [Fact]
    public async Task Plain_and_gzip_objects_get_a_manifest_each_and_other_objects_none()
    {
        RequireServer();
        await UploadAsync([RealLog(1)]);
        using (var client = s3.Client())
        {
            var gzip = new MemoryStream();
            using (var compress = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
                compress.Write(File.ReadAllBytes(RealLog(2)));
            foreach (var (key, body) in new[] { ("log_data/2018/11/2018-11-02-events.json.gz", gzip.ToArray()), ("log_data/README.md", "notes"u8.ToArray()) })
                await client.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = S3Server.Bucket, Key = $"{_prefix}/{key}", InputStream = new MemoryStream(body), UseChunkEncoding = false,
                }, TestContext.Current.CancellationToken);
        }
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();

        var batch = await StageAsync(connection, Stager(), StagingTable.Events);

        Assert.Equal([false, true], batch.Manifests.Select(m => m.Gzip));
        Assert.Equal([LogUri(1)], await ManifestEntriesAsync(batch.Manifests[0].Uri));
        Assert.Equal([LogUri(2) + ".gz"], await ManifestEntriesAsync(batch.Manifests[1].Uri));
    }

    [Fact]
    public async Task A_run_with_no_new_object_writes_no_manifest()
    {
        RequireServer();
        await UploadAsync([RealLog(1)]);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();
        var stager = Stager();
        await StageAsync(connection, stager, StagingTable.Events);

        var idle = await StageAsync(connection, stager, StagingTable.Events);

        Assert.Empty(idle.Files);
        Assert.Empty(idle.Manifests);
    }

    [Fact]
    public async Task New_song_files_are_compacted_into_gzip_parts_of_their_own_run()
    {
        RequireServer();
        var songs = FirstSongFiles(5);
        await UploadAsync(songs.Take(4));
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();
        var stager = Stager(songCompactFiles: 2);
        var first = await StageAsync(connection, stager, StagingTable.Songs);
        await UploadAsync(songs.Skip(4));

        var second = await StageAsync(connection, stager, StagingTable.Songs);

        Assert.True(first.Manifests.Single().Gzip && second.Manifests.Single().Gzip);
        Assert.Equal(2, (await ManifestEntriesAsync(first.Manifests.Single().Uri)).Count);
        var part = Assert.Single(await ManifestEntriesAsync(second.Manifests.Single().Uri));
        Assert.StartsWith($"s3://{S3Server.Bucket}/{_prefix}/manifests/run-", part);
        var song = Assert.Single(await GzipLinesAsync(part));
        Assert.Contains(JsonDocument.Parse(File.ReadAllText(songs[4])).RootElement.GetProperty("song_id").GetString()!, song);
    }

    [Fact]
    public async Task Dry_run_names_the_object_added_since_as_the_next_run_s_manifest_lists_it()
    {
        RequireServer();
        await UploadAsync(Enumerable.Range(1, 3).Select(RealLog));
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();
        var stager = Stager();
        await StageAsync(connection, stager, StagingTable.Events);
        await UploadAsync([RealLog(4)]);

        var preview = await PreviewAsync(connection, stager);
        var next = await StageAsync(connection, stager, StagingTable.Events);

        Assert.Contains("--   staging_events: 1 of 4 are new:", preview);
        Assert.Equal(await PreviewedAsync(next), ManifestListing(preview, StagingTable.Events));
    }

    [Fact]
    public async Task Dry_run_says_a_manifest_of_compacted_songs_lists_their_gzip_parts_not_the_song_files()
    {
        RequireServer();
        var songs = FirstSongFiles(5);
        await UploadAsync(songs.Take(2));
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();
        var stager = Stager(songCompactFiles: 2);
        await StageAsync(connection, stager, StagingTable.Songs);
        await UploadAsync(songs.Skip(2));

        var preview = await PreviewAsync(connection, stager);
        var next = await StageAsync(connection, stager, StagingTable.Songs);

        Assert.Contains("--   staging_songs: 3 of 5 are new:", preview);
        Assert.Contains("would list, instead of these files, the 2 gzip part(s) they are compacted into:", preview);
        Assert.Equal(await PreviewedAsync(next), ManifestListing(preview, StagingTable.Songs));
        Assert.All(ManifestListing(preview, StagingTable.Songs).Skip(1), entry => Assert.EndsWith(".json.gz", entry));
    }

    /// <summary>What <c>--dry-run</c> prints of the next run's staging, with the ledger read through <paramref name="connection"/>.</summary>
    private static async Task<string> PreviewAsync(NpgsqlConnection connection, RedshiftStager stager)
    {
        var output = new StringWriter();
        await StagingPreview.WriteAsync(output, stager, connection, fullReload: false, TestContext.Current.CancellationToken);
        return output.ToString();
    }

    /// <summary>The preview's lines for a table's manifest: its URI (the run's id unknown yet), then each URI it would list.</summary>
    private static List<string> ManifestListing(string preview, StagingTable table)
    {
        var lines = preview.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        const string Opening = "--   the run's manifest ";
        var header = lines.FindIndex(l => l.StartsWith(Opening, StringComparison.Ordinal) && l.Contains($"/{table.Name}/", StringComparison.Ordinal));
        Assert.True(header >= 0, $"no manifest of {table.Name} in:\n{preview}");
        return [lines[header][Opening.Length..].Split(' ')[0], .. lines.Skip(header + 1).TakeWhile(l => l.StartsWith("--     ", StringComparison.Ordinal)).Select(l => l[7..])];
    }

    /// <summary>A run's manifest as the preview would have named it: its URI with the run's id left open, then its entries.</summary>
    private async Task<List<string>> PreviewedAsync(RedshiftBatch batch)
    {
        var manifest = batch.Manifests.Single().Uri;
        static string Open(string uri) => Regex.Replace(uri, "/run-[0-9]+/", "/run-{id}/");
        return [Open(manifest), .. (await ManifestEntriesAsync(manifest)).Select(Open)];
    }

    /// <summary>One run's staging as far as it can go without a cluster: run started, batch prepared, objects recorded in the ledger.</summary>
    private static async Task<RedshiftBatch> StageAsync(NpgsqlConnection connection, RedshiftStager stager, StagingTable table, bool verifyInput = false)
    {
        var log = new LoadRunLog(connection);
        await log.StartAsync("test", TestContext.Current.CancellationToken);
        var run = new StagingRun(log.RunId, new BadRecords(0), null) { Policy = InputPolicy.Default with { VerifyInput = verifyInput } };
        var batch = await stager.PrepareAsync(connection, table, run, TestContext.Current.CancellationToken);
        await LedgerInserts.RecordAsync(connection, table, log.RunId, [.. batch.Files.Select(batch.Staged)], run.Facts, TestContext.Current.CancellationToken);
        return batch;
    }

    private void RequireServer()
    {
        if (s3.Unavailable is { } reason)
            Assert.Skip(reason);
    }

    private static List<string> FirstSongFiles(int count) =>
        [.. Directory.EnumerateFiles(Path.Combine(DataPaths.RealData, "song_data"), "*.json", SearchOption.AllDirectories).Order().Take(count)];

    private static string RealLog(int day) => Path.Combine(DataPaths.RealData, "log_data", "2018", "11", $"2018-11-{day:00}-events.json");

    private string LogUri(int day) => $"s3://{S3Server.Bucket}/{_prefix}/log_data/2018/11/2018-11-{day:00}-events.json";

    /// <summary>Uploads real data files under this test's own prefix, at their place below the data set's folder.</summary>
    private async Task UploadAsync(IEnumerable<string> files)
    {
        using var client = s3.Client();
        foreach (var file in files)
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = S3Server.Bucket,
                Key = $"{_prefix}/{Path.GetRelativePath(DataPaths.RealData, file).Replace('\\', '/')}",
                FilePath = file,
                UseChunkEncoding = false,
            }, TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> ManifestEntriesAsync(string manifest)
    {
        using var client = s3.Client();
        var location = S3Location.Parse(manifest);
        using var response = await client.GetObjectAsync(location.Bucket, location.Prefix, TestContext.Current.CancellationToken);
        using var document = await JsonDocument.ParseAsync(response.ResponseStream, cancellationToken: TestContext.Current.CancellationToken);
        return [.. document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("url").GetString()!)];
    }

    private async Task<List<string>> GzipLinesAsync(string uri)
    {
        using var client = s3.Client();
        var location = S3Location.Parse(uri);
        using var response = await client.GetObjectAsync(location.Bucket, location.Prefix, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(new GZipStream(response.ResponseStream, CompressionMode.Decompress));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            lines.Add(line);
        return lines;
    }
}
