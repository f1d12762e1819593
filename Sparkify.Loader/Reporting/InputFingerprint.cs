using System.IO.Hashing;
using System.Text;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Reporting;

/// <summary>What an input holds, as one hash of its listing: each file's path below its song or log root, and its size.</summary>
/// <remarks>
/// Paths relative to the roots, so the same files in another folder or bucket give the same fingerprint; sizes,
/// so a file cut short or grown does not. A listing, not the bytes: the report should not cost a second read of the input.
/// </remarks>
public static class InputFingerprint
{
    public static async Task<string> OfAsync(InputSources input, CancellationToken cancellationToken)
    {
        var hash = new XxHash128();
        foreach (var (root, source) in new[] { ("song_data", input.Songs), ("log_data", input.Logs) })
        {
            var listed = await source.ListAsync(cancellationToken);
            foreach (var line in listed.Select(item => $"{root}/{Relative(source.Location, item.Name)}\t{item.Size}\n").Order(StringComparer.Ordinal))
                hash.Append(Encoding.UTF8.GetBytes(line));
        }
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The name below the source's location, with forward slashes: an S3 key's rest, or a file's path in the folder.</summary>
    private static string Relative(string location, string name) =>
        S3Location.IsS3(location)
            ? name[Math.Min(location.Length, name.Length)..].TrimStart('/')
            : Path.GetRelativePath(Path.GetFullPath(location), name).Replace('\\', '/');
}
