using Sparkify.Data.Settings;

namespace Sparkify.Loader.Staging;

/// <summary>Local folders of raw JSON: <c>[S3] SONG_DATA</c> and <c>LOG_DATA</c> as paths on this machine.</summary>
public sealed record LocalSource(string SongData, string LogData)
{
    public static LocalSource From(DwhConfig config)
    {
        string Folder(string? value, string key, string what) => value switch
        {
            null => throw new ConfigurationException($"{config.Path}: [S3] {key} is empty; set it to the folder of {what}."),
            _ when value.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) => throw new ConfigurationException(
                $"{config.Path}: [S3] {key} is an s3:// URI; the PostgreSQL engine reads local folders in this release (Redshift reads S3)."),
            _ => value,
        };
        return new(Folder(config.SongData, "SONG_DATA", "song JSON files"), Folder(config.LogData, "LOG_DATA", "event log files"));
    }

    /// <summary>The folder that feeds <paramref name="table"/>.</summary>
    public string FolderOf(StagingTable table) => table == StagingTable.Events ? LogData : SongData;

    /// <summary>The dwh.cfg key that names <see cref="FolderOf"/>, for error messages.</summary>
    public static string SettingOf(StagingTable table) => table == StagingTable.Events ? "[S3] LOG_DATA" : "[S3] SONG_DATA";
}
