using Sparkify.Data.Settings;

namespace Sparkify.Loader.Loading;

/// <summary>Where the raw JSON comes from: local folders in this release.</summary>
public sealed record LoadSource(string SongData, string LogData)
{
    public static LoadSource From(DwhConfig config) => new(
        config.SongData ?? throw new ConfigurationException($"{config.Path}: [S3] SONG_DATA is empty; set it to the folder of song JSON files."),
        config.LogData ?? throw new ConfigurationException($"{config.Path}: [S3] LOG_DATA is empty; set it to the folder of event log files."));
}
