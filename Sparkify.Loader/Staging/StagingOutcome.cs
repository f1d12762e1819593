namespace Sparkify.Loader.Staging;

/// <summary>What staging did to one table this run: the files and rows it added, and why it emptied the table first, if it did.</summary>
/// <param name="RestageReason">Null when the rows were added to what earlier runs staged; else why the table was staged afresh
/// from all its files (a full reload, no ledger yet, a changed file whose rows could not be replaced alone), which makes the star tables built from it rebuilt too.</param>
public sealed record StagingOutcome(int Files, long Rows, string? RestageReason)
{
    public bool Restaged => RestageReason is not null;

    /// <summary>How many of the files were changed ones whose staged rows were replaced.</summary>
    public int Replaced { get; init; }

    /// <summary>How many staged rows of those files were moved aside for their new content.</summary>
    public long ReplacedRows { get; init; }

    /// <summary>Which staged file changed, and how many more did; null when none did.</summary>
    public string? ReplaceReason { get; init; }

    /// <summary>How many input files the run listed for the table, staged or not, and their bytes; null where the stager did not list them one by one.</summary>
    public ListingSize? ListedSize { get; init; }

    /// <summary>The files themselves, when the run kept them (<see cref="StagingRun.KeepsListing"/>); else null, the listing released once staged.</summary>
    public IReadOnlyList<Sources.InputObject>? Listed { get; init; }
}
