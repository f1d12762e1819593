using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Upkeep;

/// <summary>Redshift's upkeep: none between steps. COPY's STATUPDATE ON refreshes staging's statistics, and Redshift has no indexes.</summary>
public sealed class NoUpkeep : IEngineUpkeep
{
    public IReadOnlyList<PlannedStatement> BeforeStaging => [];

    public IReadOnlyList<PlannedStatement> AfterStaging => [];

    public IReadOnlyList<PlannedStatement> AfterTransforms => [];
}
