using Sparkify.Loader.Reporting;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>Loading from S3, against a real S3-compatible server on loopback seeded with the real data set.</summary>
[EndToEnd("uses the loopback S3 server")]
[Collection(SharedS3Server.Name)]
public sealed class S3LoadTests(S3Server s3)
{
    private string RequireServer()
    {
        if (s3.Unavailable is { } reason)
            Assert.Skip(reason);
        return s3.Endpoint;
    }

    private DwhConfig Config(string folder)
    {
        var path = Path.Combine(folder, "dwh.cfg");
        File.WriteAllLines(path,
        [
            "[S3]",
            $"SONG_DATA = s3://{S3Server.Bucket}/song_data",
            $"LOG_DATA = s3://{S3Server.Bucket}/log_data",
            $"ENDPOINT = {s3.Endpoint}",
            "REGION = us-west-2",
        ]);
        return DwhConfig.Load(path);
    }

    private async Task<LoadResult> LoadFromS3Async(TestDatabase database)
    {
        var folder = Directory.CreateTempSubdirectory("sparkify-s3cfg-").FullName;
        var config = Config(folder);
        try
        {
            // The loader's own client, with s3rver's development credentials in place of the default AWS chain.
            var engine = WarehouseEngines.For(config, () => S3Clients.Create(config, S3Server.Credentials));
            return await new WarehouseLoader(engine, database.ConnectionString, new SilentObserver()).LoadAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Listing_pages_through_every_object_below_a_prefix()
    {
        RequireServer();
        using var client = s3.Client();
        var source = new S3PrefixSource(client, S3Location.Parse($"s3://{S3Server.Bucket}/song_data"));

        var objects = (await source.ListAsync(TestContext.Current.CancellationToken)).Files;

        Assert.Equal(14_896, objects.Count); // 15 pages of at most 1,000
        Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(o.ETag)));
    }

    [Fact]
    public async Task Loading_from_S3_gives_the_acceptance_counts_of_the_local_load()
    {
        RequireServer();
        await using var database = await TestDatabase.CreateAsync();

        var result = await LoadFromS3Async(database);

        Assert.Equal(
            [("staging_events", 8_056L), ("staging_songs", 14_896L), ("songs", 14_896L), ("artists", 9_553L), ("users", 96L), ("user_levels", 105L), ("songplays", 319L), ("time", 319L)],
            result.TableCounts);
    }

    [Fact]
    public async Task The_real_data_set_in_a_bucket_is_compared_with_its_acceptance_counts()
    {
        RequireServer();
        var folder = Directory.CreateTempSubdirectory("sparkify-s3cfg-").FullName;
        try
        {
            var config = Config(folder);
            var input = InputSources.From(config, () => S3Clients.Create(config, S3Server.Credentials));

            var reference = await ReferenceCounts.ForAsync(input, cache: null, TestContext.Current.CancellationToken);

            Assert.Same(ReferenceCounts.RealDataSet, reference);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_rerun_over_the_same_prefix_skips_objects_by_their_ETag()
    {
        RequireServer();
        await using var database = await TestDatabase.CreateAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await LoadFromS3Async(database);
        TestContext.Current.SendDiagnosticMessage($"first S3 load: {clock.Elapsed.TotalSeconds:N1} s");
        var before = await database.SnapshotAsync();

        await LoadFromS3Async(database);

        Assert.Equal([14_926, 0], (await database.RowsAsync("select files from load_runs order by run_id")).Select(r => (int)r[0]!));
        Assert.Equal(before, await database.SnapshotAsync());
        Assert.StartsWith($"s3://{S3Server.Bucket}/log_data/2018/11/", await database.ScalarAsync<string>("select min(path) from loaded_files where table_name = 'staging_events'"));
    }
}
