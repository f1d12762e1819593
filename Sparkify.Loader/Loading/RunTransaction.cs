using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Loading;

/// <summary>The run's transaction as statements of the plan: staging, transforms and checks commit together or not at all.</summary>
public static class RunTransaction
{
    public static PlannedStatement Begin { get; } = new("begin the run's transaction", "begin");

    public static PlannedStatement Commit { get; } = new("commit the run", "commit");

    public static PlannedStatement Rollback { get; } = new("roll the run back: every table as it was before it", "rollback");
}
