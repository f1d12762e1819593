using System.IO.Compression;
using Amazon.S3.Model;
using Sparkify.Loader.Reporting;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Staging.Sources;
using Spectre.Console;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>
/// Redshift without <c>[S3] MANIFEST_PREFIX</c>: every run empties staging and COPYs the whole input prefixes, which reads every
/// object there, and says so. Against the loopback S3 server (no cluster: everything but the COPY), the stager refuses a prefix
/// it cannot copy that way before it sends any COPY.
/// </summary>
[EndToEnd("uses the loopback S3 server")]
[Collection(SharedS3Server.Name)]
public sealed class RedshiftWholePrefixTests(S3Server s3)
{
    private readonly string _prefix = "whole-" + Guid.NewGuid().ToString("N")[..8];

    private string LogData => $"s3://{S3Server.Bucket}/{_prefix}/log_data";

    [Fact]
    public async Task Another_object_under_the_prefix_stops_the_run_naming_it()
    {
        await PutAsync(("2018-11-01-events.json", Log(1)), ("README.md", "notes"u8.ToArray()));

        var error = await StageEventsAsync();

        Assert.Equal($"{LogData}/README.md", error.File);
        Assert.Contains("a COPY of the whole prefix", error.Problem);
        Assert.Contains("set [S3] MANIFEST_PREFIX", error.Problem);
    }

    [Fact]
    public async Task Gzip_and_plain_objects_under_one_prefix_stop_the_run()
    {
        await PutAsync(("2018-11-01-events.json", Log(1)), ("2018-11-02-events.json.gz", Gzip(Log(2))));

        var error = await StageEventsAsync();

        Assert.Equal(LogData, error.File);
        Assert.Contains("mixes 1 gzip objects with 1 plain ones", error.Problem);
    }

    [Fact]
    public async Task An_empty_prefix_is_an_error()
    {
        RequireServer();

        var error = await StageEventsAsync();

        Assert.Equal(LogData, error.File);
        Assert.Contains("holds no input file", error.Problem);
    }

    /// <summary>Stages the events as a whole-prefix run would, with the ledger and run log on PostgreSQL; returns its input error.</summary>
    private async Task<InputException> StageEventsAsync()
    {
        var stager = new RedshiftStager(new RedshiftCopySettings($"s3://{S3Server.Bucket}/{_prefix}/song_data", LogData, S3Server.JsonPaths,
            "arn:aws:iam::123456789012:role/sparkify-s3-read", S3Server.Region, 0), s3.Client, RedshiftLoadErrorLog.Provisioned);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();
        var log = new LoadRunLog(connection);
        await log.StartAsync("test", TestContext.Current.CancellationToken);

        return await Assert.ThrowsAsync<InputException>(() => stager.LoadAsync(connection, StagingTable.Events,
            new StagingRun(log.RunId, new BadRecords(0), null), TestContext.Current.CancellationToken));
    }

    private void RequireServer()
    {
        if (s3.Unavailable is { } reason)
            Assert.Skip(reason);
    }

    private static byte[] Log(int day) =>
        File.ReadAllBytes(Path.Combine(DataPaths.RequireRealData(), "log_data", "2018", "11", $"2018-11-{day:00}-events.json"));

    private static byte[] Gzip(byte[] content)
    {
        var gzip = new MemoryStream();
        using (var compress = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
            compress.Write(content);
        return gzip.ToArray();
    }

    /// <summary>Puts objects under this test's own log prefix.</summary>
    private async Task PutAsync(params (string Name, byte[] Body)[] objects)
    {
        RequireServer();
        using var client = s3.Client();
        foreach (var (name, body) in objects)
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = S3Server.Bucket, Key = $"{_prefix}/log_data/{name}", InputStream = new MemoryStream(body), UseChunkEncoding = false,
            }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Without_a_manifest_prefix_the_load_report_says_each_table_was_copied_whole_and_why()
    {
        if (s3.Unavailable is { } reason)
            Assert.Skip(reason);
        var stager = new RedshiftStager(new RedshiftCopySettings($"s3://{S3Server.Bucket}/song_data", $"s3://{S3Server.Bucket}/log_data", S3Server.JsonPaths,
            "arn:aws:iam::123456789012:role/sparkify-s3-read", S3Server.Region, 0), s3.Client, RedshiftLoadErrorLog.Provisioned);
        var run = new StagingRun(1, new BadRecords(0), null);

        // The COPY needs a cluster: the rows it would add are the acceptance counts.
        var events = await stager.PrepareWholePrefixAsync(StagingTable.Events, run, TestContext.Current.CancellationToken);
        var songs = await stager.PrepareWholePrefixAsync(StagingTable.Songs, run, TestContext.Current.CancellationToken);
        var report = Report(new LoadResult([], [], []) { Staged = new StagedTables(events.Outcome(8_056), songs.Outcome(14_896)) });

        Assert.False(stager.Incremental);
        Assert.Equal([30, 14_896], new[] { events.Files.Count, songs.Files.Count });
        foreach (var table in new[] { "staging_events", "staging_songs" })
            Assert.Contains($"{table} was staged afresh, and the star tables built from it rebuilt: {RedshiftStager.WholePrefixReason}.", report);
        Assert.Contains("no [S3] MANIFEST_PREFIX is set", RedshiftStager.WholePrefixReason);
        Assert.All(stager.Plan(StagingTable.Events), step => Assert.DoesNotContain("manifest", step.Sql, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The load report as the console shows it, on one line per sentence however long.</summary>
    private static string Report(LoadResult result)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        console.Profile.Width = 1_000;
        LoadReport.Write(console, result, reference: null);
        return output.ToString();
    }
}
