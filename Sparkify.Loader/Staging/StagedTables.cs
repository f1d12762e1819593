namespace Sparkify.Loader.Staging;

/// <summary>What staging did to both tables this run: what the statements between staging and the transforms depend on.</summary>
public sealed record StagedTables(StagingOutcome Events, StagingOutcome Songs)
{
    public StagingOutcome For(StagingTable table) => table == StagingTable.Events ? Events : Songs;
}
