using Sparkify.Loader.Loading;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Reporting;

/// <summary>Progress as plain lines, for logs and redirected output: a line per tenth of the files, not per file.</summary>
public sealed class PlainLoadObserver(TextWriter output) : ILoadObserver
{
    private int _lastTenth = -1;

    public void Waiting(string message) => output.WriteLine(message);

    public void StageStarted(LoadStage stage, string detail)
    {
        _lastTenth = -1;
        output.WriteLine($"{StageNames.Of(stage)}: {detail}");
    }

    public void StagingProgressed(StagingProgress progress)
    {
        var tenth = progress.FilesTotal == 0 ? 10 : progress.FilesDone * 10 / progress.FilesTotal;
        if (tenth == _lastTenth)
            return;
        _lastTenth = tenth;
        output.WriteLine($"  {progress.Table}: {progress.FilesDone:N0}/{progress.FilesTotal:N0} files, {progress.Rows:N0} rows, {progress.Bytes / 1024.0 / 1024.0:N1} MiB");
    }

    public void StagingSelected(StagingSelection selection)
    {
        output.WriteLine($"  {selection.Table}: {selection.Listed:N0} files listed (waited {selection.ListingWait.TotalSeconds:N2} s), " +
                         $"ledger read in {selection.LedgerRead.TotalSeconds:N2} s: " +
                         (selection.RestageReason is { } reason ? $"staging all {selection.ToStage:N0} afresh, as {reason}"
                             : selection.ReplaceReason is { } changed ? $"{selection.ToStage - selection.Replaced:N0} new, {selection.Replaced:N0} changed, whose staged rows " +
                                                                        $"their new content replaces ({changed})"
                             : $"{selection.ToStage:N0} new"));
        foreach (var warning in StagingWarnings.Of(selection))
            output.WriteLine($"  warning: {warning}");
    }

    public void TransformStepDone(TransformStep step) =>
        output.WriteLine($"  {step.Script.Name}: {step.Outcome} in {step.Elapsed.TotalSeconds:N2} s");

    public void StageFinished(LoadStage stage, TimeSpan elapsed) =>
        output.WriteLine($"{StageNames.Of(stage)}: done in {elapsed.TotalSeconds:N2} s");
}
