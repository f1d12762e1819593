using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Loading;

/// <summary>Where a step stands in a load: with the run, in place of the rest when the run fails, or after it whatever happened.</summary>
public enum StepPhase
{
    Run,
    OnFailure,
    Finally,
}

/// <summary>
/// One part of a load: the session it runs on, every statement it may run, each with its condition, and the code that runs them.
/// The plan (<see cref="LoadPlan"/>) is the steps' statements; <see cref="WarehouseLoader"/> runs the same steps in the same order,
/// as EF Core's migrator scripts and applies the same migration commands.
/// </summary>
/// <param name="Part">For people: "schema", "stage staging_events", "transform", "finish", "on failure".</param>
/// <param name="RunAsync">Runs the step's statements on its session, each only when its condition holds for the run's facts.</param>
public sealed record LoadStep(LoadSession Session, string Part, IReadOnlyList<PlannedStatement> Statements, Func<LoadContext, CancellationToken, Task> RunAsync)
{
    public StepPhase Phase { get; init; } = StepPhase.Run;

    /// <summary>When the whole step runs; its statements' own conditions apply within it.</summary>
    public RunCondition When { get; init; } = RunCondition.Always;

    /// <summary>The stage the step is, for the observer's timings; null for the steps around them.</summary>
    public LoadStage? Stage { get; init; }

    /// <summary>What the observer is told as the stage starts.</summary>
    public Func<LoadContext, string> Detail { get; init; } = _ => "";

    /// <summary>The statements as the plan prints them: each with the step's condition where it has none of its own.</summary>
    public IEnumerable<PlannedStatement> Planned =>
        When.IsAlways ? Statements : Statements.Select(s => s.When.IsAlways ? s with { When = When } : s);
}
