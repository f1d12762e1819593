using System.Collections.Concurrent;
using Sparkify.Loader.Transform;

namespace Sparkify.Tests.Infrastructure;

/// <summary>An observer that keeps what a load said about waiting and about the files it chose, for tests to look at.</summary>
public sealed class RecordingObserver : ILoadObserver
{
    private readonly ConcurrentQueue<StagingSelection> _selections = new();

    public List<string> Waits { get; } = [];
    public IReadOnlyList<StagingSelection> Selections => [.. _selections];

    public StagingSelection SelectionOf(string table) => Selections.Single(s => s.Table == table);

    public void Waiting(string message) => Waits.Add(message);
    public void StagingSelected(StagingSelection selection) => _selections.Enqueue(selection);
    public void StageStarted(LoadStage stage, string detail) { }
    public void StagingProgressed(StagingProgress progress) { }
    public void TransformStepDone(TransformStep step) { }
    public void StageFinished(LoadStage stage, TimeSpan elapsed) { }
}
