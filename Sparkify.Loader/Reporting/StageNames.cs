using Sparkify.Loader.Loading;

namespace Sparkify.Loader.Reporting;

internal static class StageNames
{
    public static string Of(LoadStage stage) => stage switch
    {
        LoadStage.Schema => "schema",
        LoadStage.StageEvents => "stage staging_events",
        LoadStage.StageSongs => "stage staging_songs",
        LoadStage.Transform => "transform",
        _ => stage.ToString(),
    };
}
