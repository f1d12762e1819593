using System.IO.Enumeration;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// The repository's files as a fresh clone, or an exported tarball, has them: everything below the root but <c>.git</c> and
/// what the root's <c>.gitignore</c> names (bin, obj, .sparkify, .tools, …). It asks nothing of git, so the tests that copy
/// the repository run as well in a copy without <c>.git</c> (CI on a tarball).
/// </summary>
/// <remarks>
/// The patterns are read by the part of gitignore(5) the file uses: a name at any depth, or a path anchored at the root when it
/// has a slash inside; a trailing slash for folders only; <c>*</c> and <c>?</c>. Anything else (<c>!</c>, <c>**</c>, nested
/// .gitignore files) is refused, so a new kind of pattern cannot be misread in silence.
/// </remarks>
public static class RepositoryCopy
{
    /// <summary>The files, as paths relative to <paramref name="root"/> with '/' between folders, in ordinal order.</summary>
    public static IReadOnlyList<string> Files(string root)
    {
        var ignored = Patterns(root);
        var files = new List<string>();
        void Walk(string folder)
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                var isFolder = entry is DirectoryInfo;
                if (relative == ".git" || ignored.Any(p => p.Matches(relative, isFolder)))
                    continue;
                if (isFolder)
                    Walk(entry.FullName);
                else if (entry.Name == ".gitignore" && relative != ".gitignore")
                    throw new NotSupportedException($"{relative}: only the root's .gitignore is read; read this one too.");
                else
                    files.Add(relative);
            }
        }
        Walk(root);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Copies <see cref="Files"/> of <paramref name="root"/> to the same places below <paramref name="target"/>.</summary>
    public static void Make(string root, string target)
    {
        foreach (var file in Files(root))
        {
            var to = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(root, file), to);
        }
    }

    private sealed record Pattern(string Glob, bool FoldersOnly, bool Anchored)
    {
        public bool Matches(string relative, bool isFolder) =>
            (isFolder || !FoldersOnly) && FileSystemName.MatchesSimpleExpression(Glob, Anchored ? relative : relative[(relative.LastIndexOf('/') + 1)..], ignoreCase: false);
    }

    private static List<Pattern> Patterns(string root)
    {
        var path = Path.Combine(root, ".gitignore");
        if (!File.Exists(path))
            return [];
        var patterns = new List<Pattern>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith('!') || line.Contains("**", StringComparison.Ordinal) || line.Contains('[', StringComparison.Ordinal) || line.Contains('\\', StringComparison.Ordinal))
                throw new NotSupportedException($"{path}: '{line}' is a kind of pattern {nameof(RepositoryCopy)} does not read; teach it.");
            var foldersOnly = line.EndsWith('/');
            var glob = line.TrimEnd('/');
            var anchored = glob.Contains('/', StringComparison.Ordinal);
            if (anchored && glob.Contains('*', StringComparison.Ordinal))
                throw new NotSupportedException($"{path}: '{line}' has a wildcard in a path, which {nameof(RepositoryCopy)} does not read; teach it.");
            patterns.Add(new Pattern(glob.TrimStart('/'), foldersOnly, anchored));
        }
        return patterns;
    }
}
