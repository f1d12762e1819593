using System.Text.RegularExpressions;
using Sparkify.Loader.Plan;

namespace Sparkify.Tests.Infrastructure;

/// <summary>Holds a server's account of what a load ran (a statement log) to the load's plan.</summary>
public static partial class PlanFollowing
{
    /// <summary>
    /// Each session's logged statements, in order, are statements of that session's part of the plan, never going back
    /// and never passing over a statement the plan says always runs (but for a failed run, whose failure skips to the
    /// plan's "on failure" part). EF Core's migrator, whose statements the plan states as its script and in words, is
    /// held to its script and its own history table.
    /// </summary>
    /// <param name="facts">What the run found (<see cref="WarehouseLoader.LastRunFacts"/>): given, each statement of the plan whose text is its
    /// own ran exactly when its condition holds for them.</param>
    public static void AssertFollows(IReadOnlyList<PlanStep> plan, IReadOnlyList<LoggedStatement> log, bool failed, RunFacts? facts = null)
    {
        var sessions = Enum.GetValues<LoadSession>().ToDictionary(LoadSessions.ApplicationName);
        var ours = log.Where(s => sessions.ContainsKey(s.Application) && !IsDriverHousekeeping(sessions[s.Application], s.Sql)).ToList();
        Assert.NotEmpty(ours);
        Assert.All(log.Where(s => !sessions.ContainsKey(s.Application)), s => Assert.Fail($"a statement of no load session ran: {s.Application}: {s.Sql}"));

        foreach (var session in Enum.GetValues<LoadSession>())
        {
            var steps = plan.Where(s => s.Session == session).ToList();
            var logged = ours.Where(s => s.Application == LoadSessions.ApplicationName(session)).Select(s => Normalize(s.Sql)).ToList();
            if (session == LoadSession.Migrations)
                AssertMigrations(steps, logged);
            else
                AssertInOrder(session, steps, logged, failed, facts);
        }
    }

    private static void AssertInOrder(LoadSession session, List<PlanStep> steps, List<string> logged, bool failed, RunFacts? facts)
    {
        // The step that ran last; a step may run again (a statement repeated, or the parts of a text of several).
        var last = -1;
        var ran = new HashSet<int>();
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
            ran.Add(found);
        }
        if (facts is not null)
            AssertConditionsHeld(session, steps, ran, failed, facts);
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
        // A step the loader does through S3 is a comment where its statement would be, and no server logs it.
        for (var i = from; i < to; i++)
            Assert.True(!steps[i].Statement.When.IsAlways || Statements(steps[i].Statement.Sql).Count == 0,
                $"[{LoadSessions.ApplicationName(session)}] did not run \"{steps[i].Statement.Name}\", which the plan says runs on every run");
    }

    /// <summary>Each statement whose text no other statement of the session has ran if and only if its condition holds (a failed run may stop
    /// before a statement whose condition holds).</summary>
    private static void AssertConditionsHeld(LoadSession session, List<PlanStep> steps, HashSet<int> ran, bool failed, RunFacts facts)
    {
        var texts = steps.Select(s => string.Join(" ; ", Statements(s.Statement.Sql))).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            if (texts[i].Length == 0 || texts.Count(t => t == texts[i]) > 1)
                continue;
            var (statement, holds) = (steps[i].Statement, steps[i].Statement.When.Holds(facts));
            Assert.False(ran.Contains(i) && !holds,
                $"[{LoadSessions.ApplicationName(session)}] ran \"{statement.Name}\" although its condition did not hold: {statement.When}");
            Assert.False(!failed && holds && !ran.Contains(i),
                $"[{LoadSessions.ApplicationName(session)}] did not run \"{statement.Name}\" although its condition held: {statement.When}");
        }
    }

    private static void AssertMigrations(List<PlanStep> steps, List<string> logged)
    {
        var script = string.Join(" ; ", steps.Select(s => Normalize(s.Statement.Sql)));
        foreach (var sql in logged)
            Assert.True(script.Contains(sql, StringComparison.Ordinal) || sql.Contains("__efmigrationshistory", StringComparison.Ordinal) || IsTransactionControl(sql),
                $"EF Core's migrator ran a statement that is neither in the plan's migration script nor about its history table:\n{sql}");
    }

    private static string Describe(List<PlanStep> steps, int last) => last < 0 ? "its start" : $"\"{steps[last].Statement.Name}\"";

    /// <summary>The statements of a planned text, as Npgsql sends them one by one: split at semicolons outside literals and
    /// <c>$$</c>-quoted bodies (a DO block's), comments aside.</summary>
    private static List<string> Statements(string sql)
    {
        var text = WithoutComments(sql);
        var statements = new List<string>();
        var (start, quoted, dollarQuoted) = (0, false, false);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'' && !dollarQuoted)
                quoted = !quoted; // a doubled quote inside a literal flips twice
            else if (!quoted && text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$')
                (dollarQuoted, i) = (!dollarQuoted, i + 1);
            else if (text[i] == ';' && !quoted && !dollarQuoted)
            {
                statements.Add(text[start..i]);
                start = i + 1;
            }
        }
        statements.Add(text[start..]);
        return [.. statements.Select(Normalize).Where(s => s.Length > 0)];
    }

    /// <summary>
    /// A statement without its comments, layout, letter case and parameter names (values aside: <c>@run_id</c> and <c>$1</c> alike),
    /// and with a run's folder in S3 URIs as the plan names it (<c>run-{id}</c>, the run's id unknown when the plan is made).
    /// </summary>
    public static string Normalize(string sql) =>
        MoreRows().Replace(RunFolder().Replace(Parameter().Replace(Whitespace().Replace(WithoutComments(sql), " "), "$?"), "/run-{id}/"), "$1")
            .Trim().TrimEnd(';').Trim().ToLowerInvariant();

    private static string WithoutComments(string sql) =>
        string.Join('\n', sql.TrimStart('\uFEFF').Split('\n').Select(line => line.IndexOf("--", StringComparison.Ordinal) is var at and >= 0 ? line[..at] : line));

    private static bool IsTransactionControl(string sql) =>
        sql is "begin" or "commit" or "rollback" or "start transaction" || sql.StartsWith("begin transaction isolation level ", StringComparison.Ordinal);

    /// <summary>
    /// What Npgsql runs on its own: resetting a pooled connection for its next user, and, on the connection EF Core's migrator
    /// opens itself, reading the server's types on first contact. Every other session of a load knows the built-in types
    /// without asking (UnpooledSession), so a read of the catalogue there is a statement the plan lacks.
    /// </summary>
    private static bool IsDriverHousekeeping(LoadSession session, string sql) =>
        Normalize(sql) is "discard all" ||
        session == LoadSession.Migrations && sql.Contains("pg_type", StringComparison.Ordinal) && sql.Contains("typname", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[@$]\w+")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"/run-(?:[0-9]+|\{id\})/")]
    private static partial Regex RunFolder();

    /// <summary>A multi-row INSERT's rows after its first: the plan states one row, and a statement of many repeats it.</summary>
    [GeneratedRegex(@"(values \([^()]*\))(?:, \([^()]*\))+", RegexOptions.IgnoreCase)]
    private static partial Regex MoreRows();
}
