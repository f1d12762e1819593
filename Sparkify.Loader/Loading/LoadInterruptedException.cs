namespace Sparkify.Loader.Loading;

/// <summary>The load was interrupted (Ctrl-C, SIGTERM): its transaction was rolled back and its run, if it had begun, recorded as such.</summary>
/// <param name="runId">The interrupted run, or null when the load stopped before its run began.</param>
public sealed class LoadInterruptedException(long? runId, Exception cancelled)
    : OperationCanceledException(runId is { } id ? $"run {id} rolled back, nothing changed" : "stopped before the run began, nothing changed", cancelled)
{
    public long? RunId { get; } = runId;

    /// <summary>The message load_runs keeps for an interrupted run.</summary>
    public const string Recorded = "Interrupted (Ctrl-C or SIGTERM) before it finished; its changes were rolled back.";
}
