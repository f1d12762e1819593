using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Checks;

/// <summary>An invariant of the star schema does not hold after the transforms; the load is rolled back.</summary>
public sealed class DataCheckException(SqlScript check, long violations, IReadOnlyList<string> examples)
    : Exception($"data check {check.Name} failed ({Invariant(check)}): {violations} violating row(s), e.g.\n" +
                string.Join("\n", examples.Select(e => "  " + e)))
{
    public SqlScript Check { get; } = check;
    public long Violations { get; } = violations;

    /// <summary>The invariant, from the check's opening comment.</summary>
    private static string Invariant(SqlScript check)
    {
        var first = check.Sql.Split('\n')[0].TrimStart('-', ' ');
        var end = first.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? first : first[..end];
    }
}
