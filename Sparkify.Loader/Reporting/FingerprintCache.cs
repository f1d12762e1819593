using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Reporting;

/// <summary>
/// The content fingerprints of the last few inputs this user's runs hashed, each under a key made of the input's listing: a
/// daily run over an input that did not change recognises it from the listing it already made, instead of reading every file.
/// </summary>
/// <remarks>
/// The key holds every file's location, name, size and last write time (or ETag), so a file added, removed, moved, resized
/// or written misses the cache and is hashed, the rule the load's ledger follows; a file changed in place with its size and
/// write time restored is caught only by <c>--verify-input</c>, which does not use the cache. It is an optimisation and
/// never more: a cache that cannot be read or written, or holds nonsense, costs the hash and says nothing.
/// </remarks>
public sealed class FingerprintCache(string folder)
{
    /// <summary>Set, the folder the cache lives in; else <c>$XDG_CACHE_HOME/sparkify</c>, else <c>~/.cache/sparkify</c>.</summary>
    public const string FolderVariable = "SPARKIFY_CACHE_DIR";

    private const string FileName = "input-fingerprints";

    /// <summary>Enough for the inputs one user switches between (the sample, the real data, a generated set or two).</summary>
    private const int Entries = 8;

    public string Folder { get; } = folder;

    private string FilePath => Path.Combine(Folder, FileName);

    /// <summary>This user's cache, or none when there is no folder to keep it in.</summary>
    public static FingerprintCache? ForUser()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } set ? set
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "sparkify")
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache", "sparkify")
            : null;
        return folder is null ? null : new FingerprintCache(folder);
    }

    /// <summary>The key of a listing: one XXH128 of every file's source, name, size and last write time or ETag, in order.</summary>
    public static string KeyOf(IEnumerable<(IInputSource Source, IReadOnlyList<InputObject> Files)> listing)
    {
        var hash = new XxHash128();
        foreach (var (source, files) in listing)
        {
            hash.Append(Encoding.UTF8.GetBytes($"{source.Location}\n"));
            foreach (var file in files)
                hash.Append(Encoding.UTF8.GetBytes(
                    $"{file.Name}\t{file.Size}\t{file.ModifiedAt.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}\t{file.ETag}\n"));
        }
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The content fingerprint recorded under <paramref name="key"/>, if any.</summary>
    public string? Find(string key) => Read().FirstOrDefault(entry => entry.Key == key).Content;

    /// <summary>Records <paramref name="content"/> under <paramref name="key"/>, dropping the oldest entries beyond a few.</summary>
    /// <remarks>Written whole to a file of its own, then renamed over the cache, so a reader sees the old cache or the new one.</remarks>
    public void Remember(string key, string content)
    {
        var entries = Read().Where(entry => entry.Key != key).Append((Key: key, Content: content)).TakeLast(Entries);
        var temporary = $"{FilePath}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllLines(temporary, entries.Select(entry => $"{entry.Key}\t{entry.Content}"));
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not writable: the next run hashes again, which is all a missing cache costs.
            try { File.Delete(temporary); }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>The entries, oldest first; lines that are not a key and a fingerprint (a cache someone edited) are left out.</summary>
    private List<(string Key, string Content)> Read()
    {
        try
        {
            return File.Exists(FilePath)
                ? File.ReadLines(FilePath).Select(line => line.Split('\t'))
                    .Where(fields => fields is [{ Length: 32 }, { Length: 32 }] && fields.All(field => field.All(char.IsAsciiHexDigitLower)))
                    .Select(fields => (fields[0], fields[1])).ToList()
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
