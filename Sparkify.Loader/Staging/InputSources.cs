using Amazon.S3;
using Sparkify.Loader.Staging.Sources;
using Sparkify.Settings;

namespace Sparkify.Loader.Staging;

/// <summary>The two inputs of a load: song metadata and event logs, each a local folder or an S3 prefix.</summary>
public sealed record InputSources(IInputSource Songs, IInputSource Logs)
{
    public IInputSource For(StagingTable table) => table == StagingTable.Events ? Logs : Songs;

    public static InputSources Local(string songData, string logData) =>
        new(new LocalFolderSource(songData, "[S3] SONG_DATA"), new LocalFolderSource(logData, "[S3] LOG_DATA"));

    /// <summary>From dwh.cfg: a value starting with s3:// is read through <paramref name="s3"/> (made on first need).</summary>
    public static InputSources From(DwhConfig config, Func<IAmazonS3>? s3 = null)
    {
        IAmazonS3? client = null;
        IInputSource Source(string? value, string key, string what) => value switch
        {
            null => throw new ConfigurationException($"{config.Path}: [S3] {key} is empty; set it to the folder or s3:// prefix of {what}."),
            _ when S3Location.IsS3(value) => new S3PrefixSource(client ??= (s3 ?? (() => S3Clients.Create(config)))(), S3Location.Parse(value)),
            _ => new LocalFolderSource(value, $"[S3] {key}"),
        };
        return new(Source(config.SongData, "SONG_DATA", "song JSON files"), Source(config.LogData, "LOG_DATA", "event log files"));
    }
}
