namespace Sparkify.Loader.Staging.Sources;

/// <summary>One input file or S3 object, as listed: its name, size, last write, and the ETag when the store gives one.</summary>
/// <param name="Folder">The name up to and including its last <c>/</c> ("" when it has none): one string shared by every file a listing
/// finds in that folder.</param>
/// <param name="FileName">The name after the last <c>/</c>.</param>
/// <remarks>
/// A struct that holds its name in two parts: a load keeps one per input file to its end, and whole paths were the largest part
/// of a large load's memory (a heap dump of a load with 333,333 song files: about 50 MB of path strings). Their file names come to
/// about 24 MB by their length, and a folder's string is one per folder. <see cref="Name"/> joins the parts when asked, for the few
/// uses a file has (opened, recorded in the ledger, named in a message).
/// </remarks>
public readonly record struct InputObject(string Folder, string FileName, long Size, DateTime ModifiedAt, string? ETag)
{
    /// <summary>An object known by its whole name; its folder is a string of its own.</summary>
    public InputObject(string Name, long Size, DateTime ModifiedAt, string? ETag)
        : this(Name[..(Name.LastIndexOf('/') + 1)], Name[(Name.LastIndexOf('/') + 1)..], Size, ModifiedAt, ETag)
    {
    }

    /// <summary>The path or <c>s3://</c> URI, whole.</summary>
    public string Name => string.Concat(Folder, FileName);

    /// <summary>Orders by <see cref="Name"/> ordinally, as <see cref="string.CompareOrdinal(string, string)"/> would, without joining the parts.</summary>
    public static int CompareByName(InputObject a, InputObject b) =>
        ReferenceEquals(a.Folder, b.Folder)
            ? string.CompareOrdinal(a.FileName, b.FileName)
            : Compare(a.Folder, a.FileName, b.Folder, b.FileName);

    /// <summary>Whether two objects have the same name.</summary>
    public static bool SameName(InputObject a, InputObject b) => CompareByName(a, b) == 0;

    /// <summary>Compares the text <paramref name="a1"/> then <paramref name="a2"/> with <paramref name="b1"/> then <paramref name="b2"/>, char by char.</summary>
    private static int Compare(ReadOnlySpan<char> a1, ReadOnlySpan<char> a2, ReadOnlySpan<char> b1, ReadOnlySpan<char> b2)
    {
        while (true)
        {
            if (a1.IsEmpty)
            {
                a1 = a2;
                a2 = default;
            }
            if (b1.IsEmpty)
            {
                b1 = b2;
                b2 = default;
            }
            if (a1.IsEmpty || b1.IsEmpty)
                return (a1.IsEmpty ? 0 : 1) - (b1.IsEmpty ? 0 : 1);
            var common = Math.Min(a1.Length, b1.Length);
            var order = a1[..common].SequenceCompareTo(b1[..common]);
            if (order != 0)
                return order;
            a1 = a1[common..];
            b1 = b1[common..];
        }
    }
}
