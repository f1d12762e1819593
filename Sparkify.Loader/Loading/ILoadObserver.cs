using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>Hears how a load goes, to show it: a live display on a terminal, plain lines otherwise.</summary>
public interface ILoadObserver
{
    /// <summary>The load waits for another one to finish before it starts.</summary>
    void Waiting(string message);
    void StageStarted(LoadStage stage, string detail);
    void StagingProgressed(StagingProgress progress);

    /// <summary>Staging chose a table's files: how many were listed, how many it stages, and what finding that out took.</summary>
    void StagingSelected(StagingSelection selection)
    {
    }

    void TransformStepDone(TransformStep step);
    void StageFinished(LoadStage stage, TimeSpan elapsed);
}

/// <summary>The stages of a load, in the order they run.</summary>
public enum LoadStage
{
    Schema,
    StageEvents,
    StageSongs,
    Transform,
}
