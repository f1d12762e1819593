using System.IO.Hashing;
using System.Text;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Reporting;

/// <summary>What an input holds, as one hash of its listing: each file's name and size, under its song or log root.</summary>
/// <remarks>
/// Names without their folders, so the same files in another folder or bucket, or behind symbolic links (local files are
/// listed by their real paths), give the same fingerprint; sizes, so a file cut short or grown does not. A listing, not
/// the bytes: the report should not cost a second read of the input.
/// </remarks>
public static class InputFingerprint
{
    public static async Task<string> OfAsync(InputSources input, CancellationToken cancellationToken)
    {
        var hash = new XxHash128();
        foreach (var (root, source) in new[] { ("song_data", input.Songs), ("log_data", input.Logs) })
        {
            var listed = (await source.ListAsync(cancellationToken)).Files;
            foreach (var line in listed.Select(item => $"{root}/{Name(item.Name)}\t{item.Size}\n").Order(StringComparer.Ordinal))
                hash.Append(Encoding.UTF8.GetBytes(line));
        }
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The last part of a path or an s3:// URI.</summary>
    private static string Name(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
}
