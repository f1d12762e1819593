using System.Text.RegularExpressions;

namespace Sparkify.Loader.Plan;

/// <summary>
/// A statement of a load, with a name that says what it is for. The plan (<c>--dry-run</c>) prints it and the run
/// executes this very text through <see cref="PlannedCommands"/>, so what people read is what runs.
/// </summary>
/// <param name="Sql">The statement, parameters as <c>@name</c>; for a COPY from the client, its COPY statement.</param>
public sealed partial record PlannedStatement(string Name, string Sql)
{
    /// <summary>When it runs, as code the loader evaluates and the plan puts in words.</summary>
    public RunCondition When { get; init; } = RunCondition.Always;

    /// <summary>How it repeats within its part of the load, if it may run more than once in a row: "once per manifest"; null: once.</summary>
    public string? Repeats { get; init; }

    /// <summary>Whether it runs in a run with <paramref name="facts"/>.</summary>
    public bool RunsFor(RunFacts facts) => When.Holds(facts);

    /// <summary>The name as the plan prints it, with when (generated from <see cref="When"/>) and how often the statement runs.</summary>
    public string Described => Name + (When.IsAlways ? "" : $" ({When.Description})") + (Repeats is null ? "" : $" [{Repeats}]");

    /// <summary>
    /// Whether the statement may carry bind parameters: a plain SELECT, INSERT, UPDATE or DELETE, the statements Redshift's
    /// PREPARE documents them for (https://docs.aws.amazon.com/redshift/latest/dg/r_PREPARE.html). Any other statement
    /// (CREATE TABLE AS, MERGE, …) gets its values written into its text as literals (<see cref="PlannedCommands"/>).
    /// </summary>
    public bool TakesParameters => FirstKeyword(Sql) is "select" or "insert" or "update" or "delete";

    /// <summary>The statement's first keyword, in lower case, after its comments and any opening parentheses.</summary>
    private static string FirstKeyword(string sql) => Keyword().Match(Comments().Replace(sql.TrimStart('\uFEFF'), " ")).Groups[1].Value.ToLowerInvariant();

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"^[\s(]*([A-Za-z]+)")]
    private static partial Regex Keyword();
}
