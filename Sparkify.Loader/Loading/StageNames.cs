using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Loading;

internal static class StageNames
{
    public static string Of(LoadStage stage) => stage switch
    {
        LoadStage.Schema => "schema",
        LoadStage.StageEvents => $"stage {StagingTable.Events.Name}",
        LoadStage.StageSongs => $"stage {StagingTable.Songs.Name}",
        LoadStage.Transform => "transform",
        _ => stage.ToString(),
    };
}
