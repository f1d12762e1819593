using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Checks;

/// <summary>
/// One invariant of the star schema: a query returning the rows that break it, among the rows the run
/// <c>@run_id</c> wrote (or, with a null run, among every row: a full check).
/// </summary>
/// <param name="Name">The constraint it checks (such as <c>fk_songplays_users_user_id</c>), or its <c>.sql</c> file.</param>
/// <param name="Invariant">The invariant in words, for the error that names a failed check.</param>
public sealed record DataCheck(string Name, string Invariant, string Sql)
{
    /// <summary>The parameter every check takes: the run whose rows it looks at, or null for every row.</summary>
    /// <remarks>Each check reads <c>(@run_id is null or run_id = @run_id)</c>: PostgreSQL plans a one-off statement with its
    /// parameters' values, so a run's check keeps only <c>run_id = …</c> and reads that run's rows through the table's index on run_id.</remarks>
    public const string RunParameter = "run_id";

    /// <summary>PostgreSQL enforces the invariant itself (a key, or a foreign key it has a constraint for): checking it there proves nothing.</summary>
    public bool EnforcedByPostgres { get; init; }

    /// <summary>Runs only in a full check: it has to read history (such as every staged event) whatever the run wrote.</summary>
    /// <remarks>Marked in a check file by a line <c>-- scope: full check only</c>.</remarks>
    public bool FullCheckOnly { get; init; }

    /// <summary>The check as the plan shows it and the run executes it.</summary>
    public PlannedStatement Statement => new($"check {Name}: must return no rows; @run_id is this run, or null for every row", Sql)
    {
        When = FullCheckOnly ? InAFullCheck : RunCondition.Always,
    };

    private static readonly RunCondition InAFullCheck = RunCondition.Only(f => f.FullCheck);
}
