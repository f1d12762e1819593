namespace Sparkify.Loader.Staging;

/// <summary>What a run found for one staging table before copying: the files listed, those it will stage, and why all, if all.</summary>
/// <param name="ListingWait">How long staging waited for the input's listing once the ledger was read (the listing may have started
/// before: with the process, or with the run's first table).</param>
/// <param name="LedgerRead">How long reading the ledger of staged files took.</param>
public sealed record StagingSelection(string Table, int Listed, int ToStage, string? RestageReason, TimeSpan ListingWait, TimeSpan LedgerRead)
{
    /// <summary>Files found beside the input that the run does not read (named, so that nothing is skipped without a word).</summary>
    public IReadOnlyList<string> Others { get; init; } = [];

    /// <summary>How many of the files to stage are changed ones, whose staged rows their new content replaces.</summary>
    public int Replaced { get; init; }

    /// <summary>Which staged file changed, and how many more did; null when none did.</summary>
    public string? ReplaceReason { get; init; }

    /// <summary>Symbolic links leading back into a folder being walked: named, not followed.</summary>
    public IReadOnlyList<string> Cycles { get; init; } = [];
}
