using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>
/// What a load did: how long each stage took, what each transform wrote, the rows in every table
/// after it, and how many bad input records it skipped (see <c>load_errors</c>).
/// </summary>
public sealed record LoadResult(
    IReadOnlyList<(LoadStage Stage, TimeSpan Elapsed)> Stages,
    IReadOnlyList<TransformStep> TransformSteps,
    IReadOnlyList<(string Table, long Rows)> TableCounts,
    int BadRecords = 0)
{
    /// <summary>What staging did to each table, when the load got that far.</summary>
    public StagedTables? Staged { get; init; }

    public long RowsIn(string table) => TableCounts.Single(c => c.Table == table).Rows;
}
