using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Upkeep;

/// <summary>What one engine needs between a run's steps so that the next step is planned, read and written well: statistics, index summaries, indexes set aside while a table fills.</summary>
public interface IEngineUpkeep
{
    /// <summary>Settings for the run's transaction, set as it begins.</summary>
    IReadOnlyList<PlannedStatement> BeforeStaging { get; }

    /// <summary>After staging, before the transforms; each statement runs when its condition holds for what staging did.</summary>
    IReadOnlyList<PlannedStatement> AfterStaging { get; }

    /// <summary>After the transforms, before the data checks read the rows the run wrote; as above.</summary>
    IReadOnlyList<PlannedStatement> AfterTransforms { get; }
}
