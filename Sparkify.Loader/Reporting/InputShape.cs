namespace Sparkify.Loader.Reporting;

/// <summary>How many input files each root holds and their bytes: what a listing tells without reading a file.</summary>
public readonly record struct InputShape(int SongFiles, long SongBytes, int LogFiles, long LogBytes);
