using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>What a load did: how long each stage took, what each transform wrote, and the rows in every table after it.</summary>
public sealed record LoadResult(
    IReadOnlyList<(LoadStage Stage, TimeSpan Elapsed)> Stages,
    IReadOnlyList<TransformStep> TransformSteps,
    IReadOnlyList<(string Table, long Rows)> TableCounts)
{
    public long RowsIn(string table) => TableCounts.Single(c => c.Table == table).Rows;
}
