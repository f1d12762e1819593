namespace Sparkify.Loader.Staging;

/// <summary>Lists the JSON input below a local folder.</summary>
public static class InputFiles
{
    /// <summary>Every <c>*.json</c> file below <paramref name="path"/> (or the file itself), in ordinal order.</summary>
    public static IReadOnlyList<string> Find(string path, string setting)
    {
        if (File.Exists(path))
            return [path];
        if (!Directory.Exists(path))
            throw new InputException(path, 0, $"{setting} names a folder that does not exist.");
        var files = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
