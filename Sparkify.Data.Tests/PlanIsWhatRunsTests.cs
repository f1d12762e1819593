using System.Text.RegularExpressions;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Data.Tests;

/// <summary>
/// <c>--dry-run</c> prints what a load runs: PostgreSQL's own statement log of real loads holds only the plan's
/// statements, session by session, in the plan's order, and every statement the plan says always runs.
/// </summary>
public sealed partial class PlanIsWhatRunsTests : IDisposable
{
    private const string Database = "plan_log";
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-plan-log-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private string Logs => Path.Combine(_input, "log_data");

    private PostgresEngine Engine() => new(InputSources.Local(Path.Combine(_input, "song_data"), Logs));

    [Fact]
    public async Task A_first_load_a_load_with_nothing_new_a_load_that_skips_a_bad_record_and_a_failed_load_run_only_their_plan()
    {
        await using var server = await StatementLogServer.StartAsync(Database);
        FileTree.Copy(Path.Combine(DataPaths.RepositoryRoot, "sample"), _input);
        var plan = LoadPlan.For(Engine(), Database);

        await LoadAsync(server);
        AssertFollows(plan, server.Read(), failed: false);

        await LoadAsync(server);
        AssertFollows(plan, server.Read(), failed: false);

        File.WriteAllText(Path.Combine(Logs, "2018-12-01-events.json"), "{\"ts\": \"not a time\"}\n");
        await LoadAsync(server, maxErrors: 1);
        var skipping = server.Read();
        AssertFollows(plan, skipping, failed: false);
        Assert.Contains(skipping, s => Normalize(s.Sql) == Normalize(Engine().Stager.KeepSkipped.Sql));

        File.WriteAllText(Path.Combine(Logs, "2018-12-02-events.json"), "{not json\n");
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => LoadAsync(server));
        Assert.Contains("2018-12-02-events.json", failure.Message);
        AssertFollows(plan, server.Read(), failed: true);
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

    private Task<LoadResult> LoadAsync(StatementLogServer server, int maxErrors = 0) =>
        new WarehouseLoader(Engine(), new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = Database }.ConnectionString,
            new SilentObserver()) { MaxErrors = maxErrors }.LoadAsync();

    /// <summary>
    /// Each session's logged statements, in order, are statements of that session's part of the plan, never going back
    /// and never passing over a statement the plan says always runs (but for a failed run, whose failure skips to the
    /// plan's "on failure" part). EF Core's migrator, whose statements the plan states as its script and in words, is
    /// held to its script and its own history table.
    /// </summary>
    private static void AssertFollows(IReadOnlyList<PlanStep> plan, IReadOnlyList<LoggedStatement> log, bool failed)
    {
        var sessions = Enum.GetValues<LoadSession>().ToDictionary(LoadSessions.ApplicationName);
        var ours = log.Where(s => sessions.ContainsKey(s.Application) && !IsDriverHousekeeping(s.Sql)).ToList();
        Assert.NotEmpty(ours);
        Assert.All(log.Where(s => !sessions.ContainsKey(s.Application)), s => Assert.Fail($"a statement of no load session ran: {s.Application}: {s.Sql}"));

        foreach (var session in Enum.GetValues<LoadSession>())
        {
            var steps = plan.Where(s => s.Session == session).ToList();
            var logged = ours.Where(s => s.Application == LoadSessions.ApplicationName(session)).Select(s => Normalize(s.Sql)).ToList();
            if (session == LoadSession.Migrations)
                AssertMigrations(steps, logged);
            else
                AssertInOrder(session, steps, logged, failed);
        }
    }

    private static void AssertInOrder(LoadSession session, List<PlanStep> steps, List<string> logged, bool failed)
    {
        // The step that ran last; a step may run again (a statement repeated, or the parts of a text of several).
        var last = -1;
        foreach (var sql in logged)
        {
            var found = steps.FindIndex(Math.Max(last, 0), step => Statements(step.Statement.Sql).Any(planned => Same(planned, sql)));
            Assert.True(found >= 0, $"[{LoadSessions.ApplicationName(session)}] ran a statement that is not in the plan after {Describe(steps, last)}:\n{sql}");
            var failing = steps[found].Part == "on failure";
            Assert.False(failing && !failed, $"[{LoadSessions.ApplicationName(session)}] ran \"{steps[found].Statement.Name}\" in a run that succeeded");
            // A failure leaves the rest of the run for the plan's "on failure" part.
            if (!failing)
                AssertNothingSkipped(session, steps, last + 1, found);
            last = found;
        }
        if (failed)
            return;
        var end = steps.FindIndex(s => s.Part == "on failure");
        AssertNothingSkipped(session, steps, last + 1, end < 0 ? steps.Count : end);
    }

    /// <summary>A logged statement is the planned one, with a value written in where the plan has a parameter that the statement
    /// could not take as one (<see cref="PlannedStatement.TakesParameters"/>).</summary>
    private static bool Same(string planned, string logged) =>
        planned == logged || planned.Contains("$?", StringComparison.Ordinal)
        && Regex.IsMatch(logged, "^" + Regex.Escape(planned).Replace(@"\$\?", @"(?:\$\?|-?[0-9]+)", StringComparison.Ordinal) + "$");

    private static void AssertNothingSkipped(LoadSession session, List<PlanStep> steps, int from, int to)
    {
        for (var i = from; i < to; i++)
            Assert.True(steps[i].Statement.When is not null,
                $"[{LoadSessions.ApplicationName(session)}] did not run \"{steps[i].Statement.Name}\", which the plan says runs on every run");
    }

    private static void AssertMigrations(List<PlanStep> steps, List<string> logged)
    {
        var script = string.Join(" ; ", steps.Select(s => Normalize(s.Statement.Sql)));
        foreach (var sql in logged)
            Assert.True(script.Contains(sql, StringComparison.Ordinal) || sql.Contains("__efmigrationshistory", StringComparison.Ordinal) || IsTransactionControl(sql),
                $"EF Core's migrator ran a statement that is neither in the plan's migration script nor about its history table:\n{sql}");
    }

    private static string Describe(List<PlanStep> steps, int last) => last < 0 ? "its start" : $"\"{steps[last].Statement.Name}\"";

    /// <summary>The statements of a planned text, as Npgsql sends them one by one: split at semicolons outside literals, comments aside.</summary>
    private static List<string> Statements(string sql)
    {
        var text = WithoutComments(sql);
        var statements = new List<string>();
        var (start, quoted) = (0, false);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'')
                quoted = !quoted; // a doubled quote inside a literal flips twice
            else if (text[i] == ';' && !quoted)
            {
                statements.Add(text[start..i]);
                start = i + 1;
            }
        }
        statements.Add(text[start..]);
        return [.. statements.Select(Normalize).Where(s => s.Length > 0)];
    }

    /// <summary>A statement without its comments, layout, letter case and parameter names (values aside: <c>@run_id</c> and <c>$1</c> alike).</summary>
    private static string Normalize(string sql) =>
        Parameter().Replace(Whitespace().Replace(WithoutComments(sql), " "), "$?").Trim().TrimEnd(';').Trim().ToLowerInvariant();

    private static string WithoutComments(string sql) =>
        string.Join('\n', sql.TrimStart('\uFEFF').Split('\n').Select(line => line.IndexOf("--", StringComparison.Ordinal) is var at and >= 0 ? line[..at] : line));

    private static bool IsTransactionControl(string sql) =>
        sql is "begin" or "commit" or "rollback" or "start transaction" || sql.StartsWith("begin transaction isolation level ", StringComparison.Ordinal);

    /// <summary>What Npgsql runs on its own: resetting a pooled connection for its next user, and reading the server's types on first contact.</summary>
    private static bool IsDriverHousekeeping(string sql) =>
        Normalize(sql) is "discard all" || sql.Contains("pg_type", StringComparison.Ordinal) && sql.Contains("typname", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[@$]\w+")]
    private static partial Regex Parameter();
}
