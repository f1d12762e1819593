namespace Sparkify.Loader.Staging;

/// <summary>What staging did to one table this run: the files and rows it added, and why it emptied the table first, if it did.</summary>
/// <param name="RestageReason">Null when the rows were added to what earlier runs staged; else why the table was staged afresh
/// from all its files (a full reload, no ledger yet, a changed file), which makes the star tables built from it rebuilt too.</param>
public sealed record StagingOutcome(int Files, long Rows, string? RestageReason)
{
    public bool Restaged => RestageReason is not null;
}
