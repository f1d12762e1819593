using System.Text;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Staging.Sources;
using Sparkify.Tests.Infrastructure.Redshift;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>
/// The Redshift engine's real load, end to end, against a stand-in cluster (<see cref="RedshiftStandIn"/>): the loader's own
/// statements, in order, over its own connection (TLS, as to Redshift), with COPY reading the loopback S3 server. Each outcome
/// is held to what the PostgreSQL engine makes of the same input.
/// </summary>
[EndToEnd("runs the stand-in cluster against the loopback S3 server")]
[Collection(SharedS3Server.Name)]
public sealed class RedshiftLoadTests(S3Server s3, SampleWarehouse sample) : IClassFixture<SampleWarehouse>, IDisposable
{
    private const string BadTs = """{"artist":null,"auth":"Logged In","firstName":"Ada","gender":"F","itemInSession":0,"lastName":"L","length":null,"level":"free","location":"X","method":"GET","page":"Home","registration":1.0,"sessionId":1,"song":null,"status":200,"ts":"not a time","userAgent":"A","userId":"1"}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-redshift-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Sample => SampleWarehouse.Folder;

    private static bool IsLog(string file) => file.Contains($"{Path.DirectorySeparatorChar}log_data{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static int DayOf(string logFile) => int.Parse(Path.GetFileName(logFile)[8..10], System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task The_real_data_set_in_S3_loads_through_the_Redshift_engine_to_the_acceptance_counts_and_the_star_rows_of_PostgreSQL(
        bool serverless, bool manifests)
    {
        var real = DataPaths.RequireRealData();
        await using var cluster = await RedshiftStandIn.StartAsync(s3, serverless);
        var config = cluster.Config(_folder, $"s3://{S3Server.Bucket}/song_data", $"s3://{S3Server.Bucket}/log_data", manifests,
            logJsonPath: manifests ? null : S3Server.JsonPaths);
        await using var postgres = await TestDatabase.CreateAsync();

        var result = await RedshiftStandIn.LoadAsync(config);
        await Warehouse.LoadAsync(postgres, real);

        Assert.Equal(
            [("staging_events", 8_056L), ("staging_songs", 14_896L), ("songs", 14_896L), ("artists", 9_553L), ("users", 96L), ("user_levels", 105L), ("songplays", 319L), ("time", 319L)],
            result.TableCounts);
        Assert.Equal(await postgres.StarRowsAsync(), await cluster.Database.StarRowsAsync());
        Assert.Equal(0, await cluster.Database.ScalarAsync<long>("select count(*) from staging_events where run_id is null or user_id is null and page = 'NextSong'"));
    }

    [Theory]
    [InlineData("days 1 to 29, then day 30", new[] { 30 })]
    [InlineData("every day but the 15th, then the 15th", new[] { 15 })]
    public async Task Incremental_runs_leave_the_star_tables_of_one_load_of_every_file(string story, int[] later)
    {
        _ = story;
        await using var cluster = await RedshiftStandIn.StartAsync(s3);
        var config = cluster.Config(_folder);
        await cluster.UploadAsync(Sample, file => !IsLog(file) || !later.Contains(DayOf(file)));
        await RedshiftStandIn.LoadAsync(config);
        await cluster.UploadAsync(Sample, file => IsLog(file) && later.Contains(DayOf(file)));

        var second = await RedshiftStandIn.LoadAsync(config);

        Assert.Equal(later.Length, second.Staged!.Events.Files);
        Assert.Null(second.Staged.Events.RestageReason);
        Assert.Equal(await sample.Database.StarRowsAsync(), await cluster.Database.StarRowsAsync());
        Assert.Equal(["succeeded", "succeeded"], (await cluster.Database.RowsAsync("select outcome from load_runs order by run_id")).Select(r => (string)r[0]!));
    }

    public static TheoryData<string, int, bool> MaxErrorCases => new()
    {
        { "postgres", 2, true }, { "postgres", 3, false },
        { nameof(MaxErrorReading.AsDocumented), 2, true }, { nameof(MaxErrorReading.AsDocumented), 3, false },
        { nameof(MaxErrorReading.MoreThan), 2, true }, { nameof(MaxErrorReading.MoreThan), 3, false },
    };

    [Theory]
    [MemberData(nameof(MaxErrorCases))]
    public async Task With_max_errors_2_two_bad_records_are_skipped_and_kept_and_a_third_fails_the_run_alike_on_both_engines(
        string engine, int badRecords, bool passes)
    {
        // The sample, with a log of its own holding the bad records among good ones.
        var input = Path.Combine(_folder, "input");
        FileTree.Copy(Sample, input);
        var good = File.ReadLines(Path.Combine(input, "log_data", "2018", "11", "2018-11-01-events.json")).First();
        var lines = Enumerable.Range(0, 6).Select(i => i % 2 == 1 && i / 2 < badRecords ? BadTs : good).ToList();
        var bad = Path.Combine(input, "log_data", "2018", "12", "2018-12-01-events.json");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        File.WriteAllLines(bad, lines);

        var (outcome, errors, database, cleanup) = await LoadWithMaxErrorsAsync(engine, input, maxErrors: 2);
        await using (cleanup)
        {
            if (passes)
            {
                Assert.Null(outcome);
                Assert.Equal(Enumerable.Range(0, badRecords).Select(i => ("log_data/2018/12/2018-12-01-events.json", 2L + 2 * i, BadTs)), errors);
                Assert.Equal(badRecords, await database.ScalarAsync<int>("select errors from load_runs where outcome = 'succeeded'"));
            }
            else
            {
                var error = Assert.IsType<InputException>(outcome);
                Assert.Contains("More than --max-errors 2 bad records", error.Message);
                Assert.EndsWith("2018-12-01-events.json", error.File);
                Assert.Empty(errors);
                Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from staging_events"));
            }
        }
    }

    /// <summary>
    /// Loads <paramref name="input"/> with --max-errors on the engine named (or on Redshift read that way); returns the run's error,
    /// load_errors as (file below the input, line, text), and the database.
    /// </summary>
    private async Task<(Exception? Outcome, List<(string, long, string)> Errors, TestDatabase Database, IAsyncDisposable Cleanup)> LoadWithMaxErrorsAsync(
        string engine, string input, int maxErrors)
    {
        Exception? outcome = null;
        if (engine == "postgres")
        {
            var database = await TestDatabase.CreateAsync();
            try
            {
                await Warehouse.LoadAsync(database, input, maxErrors);
            }
            catch (InputException e)
            {
                outcome = e;
            }
            return (outcome, await ErrorsAsync(database, input + Path.DirectorySeparatorChar), database, database);
        }
        var cluster = await RedshiftStandIn.StartAsync(s3, reading: Enum.Parse<MaxErrorReading>(engine));
        await cluster.UploadAsync(input);
        try
        {
            await RedshiftStandIn.LoadAsync(cluster.Config(_folder, maxErrors: maxErrors));
        }
        catch (InputException e)
        {
            outcome = e;
        }
        return (outcome, await ErrorsAsync(cluster.Database, cluster.Uri("")), cluster.Database, cluster);
    }

    private static async Task<List<(string, long, string)>> ErrorsAsync(TestDatabase database, string root) =>
        [.. (await database.RowsAsync("select file, line, raw_text from load_errors order by file, line"))
            .Select(r => (((string)r[0]!)[root.Length..].Replace('\\', '/'), (long)r[1]!, (string)r[2]!))];

    [Fact]
    public async Task A_run_that_fails_after_its_first_COPY_leaves_every_table_as_it_was_and_records_why()
    {
        await using var cluster = await RedshiftStandIn.StartAsync(s3);
        var config = cluster.Config(_folder);
        await cluster.UploadAsync(Sample, file => !IsLog(file) || DayOf(file) <= 20);
        await RedshiftStandIn.LoadAsync(config);
        var before = await cluster.Database.SnapshotAsync();
        // New days of events COPY fine; a song whose title is longer than its column (in bytes) fails the songs' COPY after them.
        await cluster.UploadAsync(Sample, file => IsLog(file) && DayOf(file) > 20);
        var song = $$"""{"num_songs":1,"artist_id":"ARLONG","artist_latitude":null,"artist_longitude":null,"artist_location":"","artist_name":"Long","song_id":"SOLONG","title":"{{new string('é', 300)}}","duration":100.0,"year":0}""";
        await cluster.PutAsync("song_data/Z/Z/Z/TRLONG.json", Encoding.UTF8.GetBytes(song), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InputException>(() => RedshiftStandIn.LoadAsync(config));

        Assert.Equal((cluster.Uri("song_data/Z/Z/Z/TRLONG.json"), 1L), (error.File, error.Line));
        Assert.Contains("Redshift load error 1204", error.Message);
        Assert.Equal(before.Where(t => t.Key != "load_runs"), (await cluster.Database.SnapshotAsync()).Where(t => t.Key != "load_runs"));
        Assert.Contains("TRLONG.json", await cluster.Database.ScalarAsync<string>("select message from load_runs where outcome = 'failed'"));
    }

    [Fact]
    public async Task A_bad_song_file_compacted_into_a_gzip_part_is_named_in_load_errors_by_its_own_file_and_text()
    {
        await using var cluster = await RedshiftStandIn.StartAsync(s3);
        await cluster.UploadAsync(Sample);
        var song = $$"""{"num_songs":1,"artist_id":"ARBAD","artist_latitude":null,"artist_longitude":null,"artist_location":"","artist_name":"Bad","song_id":"SOBAD","title":"Bad","duration":"long","year":0}""";
        await cluster.PutAsync("song_data/Y/Y/Y/TRBAD.json", Encoding.UTF8.GetBytes(song), TestContext.Current.CancellationToken);

        var result = await RedshiftStandIn.LoadAsync(cluster.Config(_folder, maxErrors: 1));

        Assert.Equal(1, result.BadRecords);
        var row = Assert.Single(await cluster.Database.RowsAsync("select file, line, reason, raw_text from load_errors"));
        Assert.Equal((cluster.Uri("song_data/Y/Y/Y/TRBAD.json"), 1L, song), ((string)row[0]!, (long)row[1]!, (string)row[3]!));
        Assert.Contains("column duration", (string)row[2]!);
        Assert.Equal(await sample.Database.StarRowsAsync(), await cluster.Database.StarRowsAsync());
    }

    [Fact]
    public async Task Two_runs_started_together_both_wait_at_the_ledger_LOCK_and_leave_one_load_of_rows()
    {
        await using var cluster = await RedshiftStandIn.StartAsync(s3);
        var config = cluster.Config(_folder);
        await cluster.UploadAsync(Sample);
        await using var holder = await cluster.Database.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand("begin; lock loaded_files", holder))
            await take.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var runs = new[] { RedshiftStandIn.LoadAsync(config), RedshiftStandIn.LoadAsync(config) };
        await WaitForAsync(async () => await cluster.Database.ScalarAsync<long>(
            "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and a.application_name = 'sparkify run'") == 2);
        Assert.All(runs, run => Assert.False(run.IsCompleted));
        await using (var release = new Npgsql.NpgsqlCommand("commit", holder))
            await release.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        await Task.WhenAll(runs);
        Assert.Equal(["succeeded", "succeeded"], (await cluster.Database.RowsAsync("select outcome from load_runs order by run_id")).Select(r => (string)r[0]!));
        Assert.Equal(await sample.Database.StarRowsAsync(), await cluster.Database.StarRowsAsync());
    }

    [Fact]
    public async Task A_first_load_a_load_with_nothing_new_a_load_that_skips_a_bad_record_and_a_failed_load_send_the_cluster_only_their_plan()
    {
        await using var cluster = await RedshiftStandIn.StartAsync(s3);
        var config = cluster.Config(_folder, maxErrors: 1);
        var plan = LoadPlan.For(RedshiftStandIn.Engine(config), config.Database);
        await cluster.UploadAsync(Sample);
        cluster.Proxy.Read();

        var loader = RedshiftStandIn.Loader(config);
        await loader.LoadAsync(TestContext.Current.CancellationToken);
        PlanFollowing.AssertFollows(plan, cluster.Proxy.Read(), failed: false, loader.LastRunFacts);

        loader = RedshiftStandIn.Loader(config);
        await loader.LoadAsync(TestContext.Current.CancellationToken);
        PlanFollowing.AssertFollows(plan, cluster.Proxy.Read(), failed: false, loader.LastRunFacts);

        await cluster.PutAsync("log_data/2018/12/2018-12-01-events.json", Encoding.UTF8.GetBytes(BadTs + "\n"), TestContext.Current.CancellationToken);
        loader = RedshiftStandIn.Loader(config);
        await loader.LoadAsync(TestContext.Current.CancellationToken);
        var skipping = cluster.Proxy.Read();
        PlanFollowing.AssertFollows(plan, skipping, failed: false, loader.LastRunFacts);
        Assert.Contains(skipping, s => PlanFollowing.Normalize(s.Sql).StartsWith("insert into load_errors", StringComparison.Ordinal));

        await cluster.PutAsync("log_data/2018/12/2018-12-02-events.json", Encoding.UTF8.GetBytes(BadTs + "\n" + BadTs + "\n"), TestContext.Current.CancellationToken);
        loader = RedshiftStandIn.Loader(config);
        await Assert.ThrowsAsync<InputException>(() => loader.LoadAsync(TestContext.Current.CancellationToken));
        PlanFollowing.AssertFollows(plan, cluster.Proxy.Read(), failed: true, loader.LastRunFacts);
    }

    [Fact]
    public async Task A_LOG_JSONPATH_that_maps_a_column_otherwise_stops_the_run_before_any_COPY_naming_the_difference()
    {
        await using var cluster = await RedshiftStandIn.StartAsync(s3);
        await cluster.UploadAsync(Sample);
        var paths = StagingTable.Events.Columns.Select(RedshiftJsonPaths.Path).ToList();
        paths[17] = "$['userid']";
        await cluster.PutAsync("log_json_path.json", Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { jsonpaths = paths })), TestContext.Current.CancellationToken);
        cluster.Proxy.Read();

        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            RedshiftStandIn.LoadAsync(cluster.Config(_folder, manifests: false, logJsonPath: cluster.Uri("log_json_path.json"))));

        Assert.Contains("path 18 is $['userid'], where column 18 of staging_events's COPY, user_id, is read from $['userId']", error.Message);
        Assert.DoesNotContain(cluster.Proxy.Read(), s => s.Sql.TrimStart().StartsWith("copy ", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await cluster.Database.ScalarAsync<long>("select count(*) from staging_events"));
    }

    [Fact]
    public async Task A_REGION_other_than_the_buckets_stops_the_run_before_it_writes_a_manifest()
    {
        await using var cluster = await RedshiftStandIn.StartAsync(s3);
        await cluster.UploadAsync(Sample);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => RedshiftStandIn.LoadAsync(cluster.Config(_folder, region: "us-west-2")));

        Assert.Contains($"which is in {S3Server.Region}, but [S3] REGION is us-west-2", error.Message);
        Assert.Empty(await cluster.KeysAsync("manifests"));
    }

    [Fact]
    public async Task On_Serverless_the_skipped_records_come_from_sys_load_error_detail()
    {
        await using var cluster = await RedshiftStandIn.StartAsync(s3, serverless: true);
        await cluster.UploadAsync(Sample);
        await cluster.PutAsync("log_data/2018/12/2018-12-01-events.json", Encoding.UTF8.GetBytes(BadTs + "\n"), TestContext.Current.CancellationToken);

        var result = await RedshiftStandIn.LoadAsync(cluster.Config(_folder, maxErrors: 1));

        Assert.Equal(1, result.BadRecords);
        Assert.Equal(0, await cluster.Database.ScalarAsync<long>("select count(*) from information_schema.tables where table_name = 'stl_load_errors'"));
        Assert.Equal((cluster.Uri("log_data/2018/12/2018-12-01-events.json"), 1L, BadTs),
            Assert.Single(await cluster.Database.RowsAsync("select file, line, raw_text from load_errors")) is var row
                ? ((string)row[0]!, (long)row[1]!, (string)row[2]!) : default);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        while (!await condition())
            await Task.Delay(50, limit.Token);
    }
}
