namespace Sparkify.Loader.Plan;

/// <summary>One statement of a load's plan: the session that runs it, the part of the load it belongs to, and the statement.</summary>
/// <param name="Part">For people: "schema", "stage staging_events", "transform", "finish", "on failure".</param>
public sealed record PlanStep(LoadSession Session, string Part, PlannedStatement Statement);
