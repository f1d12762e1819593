using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Staging;

/// <summary>What a stager needs from the run it is part of.</summary>
/// <param name="RunId">The run's row in load_runs, for the ledger of loaded files.</param>
/// <param name="BadRecords">Where bad records go; it decides whether the run may go on without them.</param>
public sealed record StagingRun(long RunId, BadRecords BadRecords, IProgress<StagingProgress>? Progress)
{
    /// <summary>What the run accepts as input besides well-formed records.</summary>
    public InputPolicy Policy { get; init; } = InputPolicy.Default;

    /// <summary>When the run started (UTC): the latest plausible event time is counted from it.</summary>
    public DateTime StartedAt { get; init; } = DateTime.UtcNow;

    /// <summary>When this run's events may have happened: an event outside is bad input.</summary>
    public EventTimeWindow EventTimes => new(Policy.EarliestEvent, Policy.LatestEventFor(StartedAt));

    /// <summary>What the run knows so far (a full reload among it), which staging adds to (the files chosen, the rows copied) and decides by.</summary>
    public RunFacts Facts { get; init; } = new();

    /// <summary>Whether the table's outcome keeps its listing (<see cref="StagingOutcome.Listed"/>); null keeps none.</summary>
    public Func<StagingTable, ListingSize, bool>? KeepsListing { get; init; }

    /// <summary>Hears which files each table's staging chose, before it copies them.</summary>
    public Action<StagingSelection>? Selected { get; init; }
}
