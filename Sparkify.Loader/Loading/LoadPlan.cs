using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Loading;

/// <summary>
/// Every statement a load may run for the configured engine, session by session, in the order it runs them, each saying when
/// it runs; built without connecting. It is the statements of <see cref="LoadSteps"/>, the steps the loader runs, and a test
/// compares a real run's statement log with it.
/// </summary>
public static class LoadPlan
{
    public static IReadOnlyList<PlanStep> For(IWarehouseEngine engine, string database) =>
        [.. LoadSteps.For(engine, database).SelectMany(step => step.Planned.Select(statement => new PlanStep(step.Session, step.Part, statement)))];
}
