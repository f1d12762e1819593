using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Upkeep;

/// <summary>What one engine needs between a run's steps so that the next step is planned and read well: statistics, index summaries.</summary>
public interface IEngineUpkeep
{
    /// <summary>Settings for the run's transaction, set as it begins.</summary>
    IReadOnlyList<PlannedStatement> BeforeStaging { get; }

    /// <summary>
    /// After staging, before the transforms, given what staging did; with null, every statement this may run,
    /// each named with its condition (for the plan).
    /// </summary>
    IReadOnlyList<PlannedStatement> AfterStaging(StagedTables? staged);

    /// <summary>After the transforms, before the data checks read the rows the run wrote (null: for the plan, as above).</summary>
    IReadOnlyList<PlannedStatement> AfterTransforms(StagedTables? staged);
}
