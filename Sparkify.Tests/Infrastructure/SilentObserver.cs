using Sparkify.Loader.Transform;

namespace Sparkify.Tests.Infrastructure;

/// <summary>An observer for loads in tests, which only need the result.</summary>
public sealed class SilentObserver : ILoadObserver
{
    public void Waiting(string message) { }
    public void StageStarted(LoadStage stage, string detail) { }
    public void StagingProgressed(StagingProgress progress) { }
    public void TransformStepDone(TransformStep step) { }
    public void StageFinished(LoadStage stage, TimeSpan elapsed) { }
}
