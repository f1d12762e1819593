using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Loading;

/// <summary>How an engine brackets a run, as statements: those that open it, those that close it, and those that end a failed one.</summary>
public sealed record RunScopePlan(IReadOnlyList<PlannedStatement> Opening, IReadOnlyList<PlannedStatement> Closing, IReadOnlyList<PlannedStatement> Failing);
