namespace Sparkify.Tests.Infrastructure;

public static class FileTree
{
    /// <summary>Copies the JSON files below <paramref name="from"/> (all, or those <paramref name="which"/> picks) to the same place below <paramref name="to"/>.</summary>
    public static void Copy(string from, string to, Func<string, bool>? which = null)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*.json", SearchOption.AllDirectories).Where(which ?? (_ => true)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
