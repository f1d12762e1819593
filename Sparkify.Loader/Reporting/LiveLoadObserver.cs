using Sparkify.Loader.Loading;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;
using Spectre.Console;

namespace Sparkify.Loader.Reporting;

/// <summary>Progress as a live display on a terminal: one bar per stage.</summary>
public sealed class LiveLoadObserver(ProgressContext context) : ILoadObserver
{
    private ProgressTask? _current;

    public void Waiting(string message) =>
        context.AddTask($"[yellow]{Markup.Escape(message)}[/]", maxValue: 1).IsIndeterminate = true;

    public void StageStarted(LoadStage stage, string detail)
    {
        _current = context.AddTask($"{StageNames.Of(stage)} [grey]({Markup.Escape(detail)})[/]", maxValue: 1);
        _current.IsIndeterminate = stage is LoadStage.Schema;
    }

    public void StagingProgressed(StagingProgress progress)
    {
        if (_current is null)
            return;
        _current.MaxValue = Math.Max(1, progress.FilesTotal);
        _current.Value = progress.FilesDone;
        _current.Description = $"stage {progress.Table} [grey]({progress.FilesDone:N0}/{progress.FilesTotal:N0} files, {progress.Rows:N0} rows)[/]";
    }

    public void StagingSelected(StagingSelection selection)
    {
        foreach (var warning in StagingWarnings.Of(selection))
            context.AddTask($"[yellow]warning: {Markup.Escape(warning)}[/]", maxValue: 1).StopTask();
    }

    public void TransformStepDone(TransformStep step)
    {
        if (_current is null)
            return;
        _current.MaxValue = TransformPlan.Statements.Count;
        _current.Increment(1);
        _current.Description = $"transform [grey]({Markup.Escape(step.Script.Name)}: {step.Outcome})[/]";
    }

    public void StageFinished(LoadStage stage, TimeSpan elapsed)
    {
        if (_current is null)
            return;
        _current.IsIndeterminate = false;
        _current.Value = _current.MaxValue;
        _current.StopTask();
    }
}
