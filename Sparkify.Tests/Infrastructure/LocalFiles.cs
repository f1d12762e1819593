using System.Text;

namespace Sparkify.Tests.Infrastructure;

/// <summary>Changes to input files made the way a listing cannot see.</summary>
public static class LocalFiles
{
    /// <summary>
    /// Edits a file in place with its size and last write time restored, as a careless tool or a restore from backup can:
    /// size and write time then say it is the file staged before. <paramref name="edit"/> must keep the length in bytes.
    /// </summary>
    public static void RewriteInPlace(string path, Func<string, string> edit)
    {
        var written = File.GetLastWriteTimeUtc(path);
        var before = File.ReadAllBytes(path);
        var after = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(before)));
        Assert.True(after.Length == before.Length, $"{path}: an edit in place keeps the size ({before.Length:N0} bytes, not {after.Length:N0})");
        Assert.False(after.AsSpan().SequenceEqual(before), $"{path}: the edit changed nothing");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
            file.Write(after);
        File.SetLastWriteTimeUtc(path, written);
    }
}
