using System.IO.Enumeration;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>Lists the JSON input below a local folder.</summary>
public static class InputFiles
{
    /// <summary>Every <c>*.json</c> file below <paramref name="path"/> (or the file itself), in ordinal order.</summary>
    public static IReadOnlyList<string> Find(string path, string setting) => [.. List(path, setting).Select(file => file.Name)];

    /// <summary>As <see cref="Find"/>, with each file's size and last write time from the same pass over the folders.</summary>
    public static List<InputObject> List(string path, string setting)
    {
        if (File.Exists(path))
            return [Describe(new FileInfo(path))];
        if (!Directory.Exists(path))
            throw new InputException(path, 0, $"{setting} names a folder that does not exist.");
        var files = new FileSystemEnumerable<InputObject>(Path.GetFullPath(path),
            (ref entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0
                ? Describe(new FileInfo(entry.ToFullPath()))
                : new InputObject(entry.ToFullPath(), entry.Length, entry.LastWriteTimeUtc.UtcDateTime, ETag: null),
            // The options of Directory.EnumerateFiles: hidden files count, an unreadable folder is an error.
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && entry.FileName.EndsWith(".json", StringComparison.Ordinal),
        }.ToList();
        files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return files;
    }

    /// <summary>A file as listed: under its own name, with the size and write time of what a symbolic link points to.</summary>
    /// <remarks>
    /// A link's own size and time never change when its target does: taking them would let the ledger
    /// miss an edited file behind a link.
    /// </remarks>
    private static InputObject Describe(FileInfo file)
    {
        var content = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
        if (content is not { Exists: true })
            throw new InputException(file.FullName, 0, "is a symbolic link to a file that does not exist.");
        return new InputObject(file.FullName, content.Length, content.LastWriteTimeUtc, ETag: null);
    }
}
