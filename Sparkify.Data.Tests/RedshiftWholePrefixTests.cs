using Spectre.Console;
using Sparkify.Data.Tests.Infrastructure;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Reporting;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Redshift;

namespace Sparkify.Data.Tests;

/// <summary>
/// Redshift without <c>[S3] MANIFEST_PREFIX</c>: every run empties staging and COPYs the whole input prefixes, and says so.
/// Everything but the COPY runs against the loopback S3 server seeded with the real data set.
/// </summary>
[Collection(S3Collection.Name)]
public sealed class RedshiftWholePrefixTests(S3Server s3)
{
    [Fact]
    public async Task Without_a_manifest_prefix_the_load_report_says_each_table_was_copied_whole_and_why()
    {
        if (s3.Unavailable is { } reason)
            Assert.Skip(reason);
        var stager = new RedshiftStager(new RedshiftCopySettings($"s3://{S3Server.Bucket}/song_data", $"s3://{S3Server.Bucket}/log_data", "auto",
            "arn:aws:iam::123456789012:role/sparkify-s3-read", "us-west-2", 0), s3.Client);
        var run = new StagingRun(1, new BadRecords(0), null, false);

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
