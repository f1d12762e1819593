namespace Sparkify.Loader.Checks;

/// <summary>An invariant of the star schema does not hold after the transforms; the load is rolled back.</summary>
public sealed class DataCheckException(DataCheck check, long violations, IReadOnlyList<string> examples)
    : Exception($"data check {check.Name} failed ({check.Invariant}): {violations} violating row(s), e.g.\n" +
                string.Join("\n", examples.Select(e => "  " + e)))
{
    public DataCheck Check { get; } = check;
    public long Violations { get; } = violations;
    public IReadOnlyList<string> Examples { get; } = examples;
}
