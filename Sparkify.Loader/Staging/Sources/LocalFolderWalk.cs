using System.IO.Enumeration;

namespace Sparkify.Loader.Staging.Sources;

/// <summary>Lists the input below a local folder, each file once under its real path, without ever walking a folder twice.</summary>
/// <remarks>
/// Folders are walked by their real path (symbolic links resolved), so a file reached through two links is one file,
/// and a link back into a folder being walked (a cycle, which would otherwise be walked until paths grow too long) is
/// named in <see cref="InputListing.Cycles"/> and not followed. A file behind a link is listed with its target's size
/// and write time: a link's own never change when its target does, and the ledger must see the change.
/// </remarks>
public static class LocalFolderWalk
{
    public static InputListing List(string path, string setting)
    {
        if (File.Exists(path))
        {
            var file = Describe(new FileInfo(path));
            return InputFileRule.IsInput(path) ? InputListing.Of([file]) : new([], [file.Name], []);
        }
        if (!Directory.Exists(path))
            throw new InputException(path, 0, $"{setting} names a folder that does not exist.");

        var walk = new Walk();
        walk.Folder(RealPath.Of(path), []);
        walk.Others.Sort(StringComparer.Ordinal);
        return new(EachOnce(walk.Files), walk.Others, walk.Cycles);
    }

    /// <summary>The files in ordinal order of name, a file listed twice (directly, and as the target of a link) kept once.</summary>
    private static List<InputObject> EachOnce(List<InputObject> files)
    {
        files.Sort(InputObject.CompareByName);
        var kept = 0;
        for (var i = 0; i < files.Count; i++)
            if (kept == 0 || !InputObject.SameName(files[kept - 1], files[i]))
                files[kept++] = files[i];
        files.RemoveRange(kept, files.Count - kept);
        return files;
    }

    private sealed class Walk
    {
        public List<InputObject> Files { get; } = [];
        public List<string> Others { get; } = [];
        public List<string> Cycles { get; } = [];
        private readonly HashSet<string> _seenFolders = new(StringComparer.Ordinal);

        /// <param name="folder">A real path.</param>
        /// <param name="above">The real paths of the folders being walked above it: a link to one of them is a cycle.</param>
        public void Folder(string folder, IReadOnlyList<string> above)
        {
            if (!_seenFolders.Add(folder))
                return; // reached before through another link: its files are listed already
            var path = (IReadOnlyList<string>)[.. above, folder];
            // Every file found here holds this one string as its folder (InputObject).
            var prefix = folder.EndsWith('/') ? folder : folder + "/";
            // The options of Directory.EnumerateFiles: hidden files count, an unreadable folder is an error.
            var entries = new FileSystemEnumerable<(string Name, bool Folder, bool Link, long Size, DateTime Written)>(folder,
                (ref entry) => (entry.FileName.ToString(), entry.IsDirectory, (entry.Attributes & FileAttributes.ReparsePoint) != 0, entry.Length,
                    entry.LastWriteTimeUtc.UtcDateTime),
                new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false });
            foreach (var entry in entries)
            {
                if (!entry.Link)
                {
                    if (entry.Folder)
                        Folder(prefix + entry.Name, path);
                    else if (InputFileRule.IsInput(entry.Name))
                        Files.Add(new InputObject(prefix, entry.Name, entry.Size, entry.Written, ETag: null));
                    else
                        Others.Add(prefix + entry.Name);
                    continue;
                }
                // A symbolic link stands for what it points to: a folder walked by its real path, or a file listed under it.
                var link = prefix + entry.Name;
                if (Directory.Exists(link))
                {
                    var target = RealPath.Of(link);
                    if (path.Any(up => target == up || up.StartsWith(target + "/", StringComparison.Ordinal)))
                        Cycles.Add($"{link} links back to {target}");
                    else
                        Folder(target, path);
                }
                else if (!InputFileRule.IsInput(entry.Name))
                    Others.Add(link);
                else
                    Files.Add(Describe(new FileInfo(link)));
            }
        }
    }

    /// <summary>A file as listed: under its real path, with the size and write time of what a symbolic link points to.</summary>
    private static InputObject Describe(FileInfo file)
    {
        var content = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
        if (content is not { Exists: true })
            throw new InputException(file.FullName, 0, "is a symbolic link to a file that does not exist.");
        return new InputObject(RealPath.Of(file.FullName), content.Length, content.LastWriteTimeUtc, ETag: null);
    }
}
