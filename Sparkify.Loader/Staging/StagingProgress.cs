namespace Sparkify.Loader.Staging;

/// <summary>How far the staging of one table has come.</summary>
public readonly record struct StagingProgress(string Table, int FilesDone, int FilesTotal, long Rows, long Bytes);
