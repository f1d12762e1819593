namespace Sparkify.Loader.Staging.Sources;

/// <summary>A path with every symbolic link along it resolved, as POSIX realpath(3) gives it.</summary>
public static class RealPath
{
    /// <summary>More links than this in one path is a loop (the limit Linux puts on a lookup).</summary>
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full)!;
        var real = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(real, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                real = next;
                continue;
            }
            if (++links > MaxLinks)
                throw new IOException($"{full}: too many levels of symbolic links.");
            real = Resolve(Path.GetFullPath(target, real), ref links);
        }
        return real;
    }
}
