using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>
/// <c>--dry-run</c> prints what a load runs: PostgreSQL's own statement log of real loads holds only the plan's
/// statements, session by session, in the plan's order, and every statement the plan says always runs.
/// </summary>
public sealed class PlanIsWhatRunsTests : IDisposable
{
    private const string Database = "plan_log";
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-plan-log-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private string Logs => Path.Combine(_input, "log_data");

    private PostgresEngine Engine() => new(InputSources.Local(Path.Combine(_input, "song_data"), Logs));

    [EndToEnd("starts a PostgreSQL server of its own")]
    [Fact]
    public async Task A_first_load_a_load_with_nothing_new_one_that_skips_a_bad_record_a_failed_one_and_a_full_reload_run_only_their_plan()
    {
        await using var server = await StatementLogServer.StartAsync(Database);
        FileTree.Copy(Path.Combine(DataPaths.RepositoryRoot, "sample"), _input);
        var plan = LoadPlan.For(Engine(), Database);

        var loader = Loader(server);
        await loader.LoadAsync(TestContext.Current.CancellationToken);
        PlanFollowing.AssertFollows(plan, server.Read(), failed: false, loader.LastRunFacts);

        loader = Loader(server);
        await loader.LoadAsync(TestContext.Current.CancellationToken);
        PlanFollowing.AssertFollows(plan, server.Read(), failed: false, loader.LastRunFacts);

        File.WriteAllText(Path.Combine(Logs, "2018-12-01-events.json"), "{\"ts\": \"not a time\"}\n");
        loader = Loader(server, maxErrors: 1);
        await loader.LoadAsync(TestContext.Current.CancellationToken);
        var skipping = server.Read();
        PlanFollowing.AssertFollows(plan, skipping, failed: false, loader.LastRunFacts);
        Assert.Contains(skipping, s => PlanFollowing.Normalize(s.Sql) == PlanFollowing.Normalize(Engine().Stager.KeepSkipped.Sql));

        File.WriteAllText(Path.Combine(Logs, "2018-12-02-events.json"), "{not json\n");
        loader = Loader(server);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => loader.LoadAsync(TestContext.Current.CancellationToken));
        Assert.Contains("2018-12-02-events.json", failure.Message);
        PlanFollowing.AssertFollows(plan, server.Read(), failed: true, loader.LastRunFacts);

        // A full reload, which runs the statements only it runs (emptying staging and the star tables, counting staging afresh)
        File.Delete(Path.Combine(Logs, "2018-12-02-events.json"));
        loader = Loader(server, maxErrors: 1, fullReload: true);
        await loader.LoadAsync(TestContext.Current.CancellationToken);
        var reload = server.Read();
        PlanFollowing.AssertFollows(plan, reload, failed: false, loader.LastRunFacts);
        Assert.Contains(reload, s => PlanFollowing.Normalize(s.Sql) == "truncate table staging_events");
    }

    /// <summary>The folders of the load's own code; the report and runs verbs, and --dry-run's preview, are not the load.</summary>
    public static TheoryData<string> LoadFolders => ["Engines", "Loading", "Staging", "Transform", "Checks", "Upkeep"];

    [Theory]
    [MemberData(nameof(LoadFolders))]
    public void The_load_s_code_runs_SQL_only_through_planned_statements(string folder)
    {
        var ways = new[] { "new NpgsqlCommand", "CreateCommand(", "NpgsqlBatch", "BeginBinaryImport", "BeginRawBinaryCopy", "BeginTextImport", "BeginTransaction" };
        var files = Directory.EnumerateFiles(Path.Combine(DataPaths.RepositoryRoot, "Sparkify.Loader", folder), "*.cs", SearchOption.AllDirectories).ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var code = File.ReadAllText(file);
            Assert.All(ways, way => Assert.False(code.Contains(way, StringComparison.Ordinal),
                $"{Path.GetRelativePath(DataPaths.RepositoryRoot, file)} runs SQL with {way}, which the plan cannot show: use Plan/PlannedCommands"));
        }
    }

    private WarehouseLoader Loader(StatementLogServer server, int maxErrors = 0, bool fullReload = false) =>
        new(Engine(), new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = Database }.ConnectionString, new SilentObserver())
        {
            MaxErrors = maxErrors, FullReload = fullReload,
        };
}
