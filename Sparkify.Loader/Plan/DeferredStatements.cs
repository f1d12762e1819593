using System.Collections;

namespace Sparkify.Loader.Plan;

/// <summary>
/// Statements built only when someone reads them. A step's statements are its plan, and some cost real start-up to build (EF Core's
/// migration script builds the whole model and every migration's operations); a run that prints no plan never reads them.
/// </summary>
public sealed class DeferredStatements(Func<IReadOnlyList<PlannedStatement>> build) : IReadOnlyList<PlannedStatement>
{
    private readonly Lazy<IReadOnlyList<PlannedStatement>> statements = new(build);

    public int Count => statements.Value.Count;

    public PlannedStatement this[int index] => statements.Value[index];

    public IEnumerator<PlannedStatement> GetEnumerator() => statements.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
