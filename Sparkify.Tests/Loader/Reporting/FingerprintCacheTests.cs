using Sparkify.Loader.Reporting;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>
/// A run over an input it hashed before knows its fingerprint from the listing alone, under the ledger's rule (name, size,
/// write time); any change to the listing, a cache it cannot use, or no cache at all, and it reads the files again.
/// </summary>
public sealed class FingerprintCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sparkify-fingerprint-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Input => Path.Combine(_root, "input");

    private FingerprintCache Cache => new(Path.Combine(_root, "cache"));

    private InputSources Sources => InputSources.Local(Path.Combine(Input, "song_data"), Path.Combine(Input, "log_data"));

    /// <summary>A copy of the sample, and its fingerprint as read from every file.</summary>
    private async Task<InputFingerprint> CopySampleAsync()
    {
        FileTree.Copy(SampleWarehouse.Folder, Input);
        return await InputFingerprint.OfAsync(Sources, Cancellation);
    }

    private string FirstLogFile => Directory.EnumerateFiles(Path.Combine(Input, "log_data"), "*.json", SearchOption.AllDirectories).Order().First();

    /// <summary>Swaps two bytes of <paramref name="file"/>: other content, the same size, and the write time it had.</summary>
    private static void ChangeInPlaceKeepingSizeAndTime(string file)
    {
        var written = File.GetLastWriteTimeUtc(file);
        var bytes = File.ReadAllBytes(file);
        var second = Array.FindIndex(bytes, 1, b => b != bytes[0]);
        (bytes[0], bytes[second]) = (bytes[second], bytes[0]);
        File.WriteAllBytes(file, bytes);
        File.SetLastWriteTimeUtc(file, written);
    }

    [Fact]
    public async Task An_input_listed_as_before_is_known_from_the_cache_without_reading_its_files()
    {
        // Given the sample matched once with the cache
        var expected = await CopySampleAsync();
        Assert.True(await InputFingerprint.MatchesAsync(Sources, expected, Cache, Cancellation));

        // When a file changes in place with its size and write time restored, which only a read can see
        ChangeInPlaceKeepingSizeAndTime(FirstLogFile);

        // Then the cache still answers from the listing, and without it (--verify-input) the files are read and differ
        Assert.True(await InputFingerprint.MatchesAsync(Sources, expected, Cache, Cancellation));
        Assert.False(await InputFingerprint.MatchesAsync(Sources, expected, cache: null, Cancellation));
    }

    [Fact]
    public async Task A_file_written_since_misses_the_cache_and_is_read()
    {
        // Given the sample matched once with the cache
        var expected = await CopySampleAsync();
        Assert.True(await InputFingerprint.MatchesAsync(Sources, expected, Cache, Cancellation));

        // When a file changes to the same size, its write time moving as writing it moves it
        ChangeInPlaceKeepingSizeAndTime(FirstLogFile);
        File.SetLastWriteTimeUtc(FirstLogFile, File.GetLastWriteTimeUtc(FirstLogFile).AddSeconds(1));

        // Then the listing is another one: the files are read, and differ
        Assert.False(await InputFingerprint.MatchesAsync(Sources, expected, Cache, Cancellation));
    }

    [Fact]
    public async Task A_cache_file_holding_nonsense_is_ignored_and_written_afresh()
    {
        // Given a cache file someone scribbled over
        var expected = await CopySampleAsync();
        Assert.True(await InputFingerprint.MatchesAsync(Sources, expected, Cache, Cancellation));
        var cacheFile = Directory.GetFiles(Cache.Folder).Single();
        File.WriteAllText(cacheFile, "not\ta cache\n\u0000\u0001\nffff\t" + new string('z', 32) + "\n");

        // When
        var matched = await InputFingerprint.MatchesAsync(Sources, expected, Cache, Cancellation);

        // Then the files were read again (a change made in place is seen) and the cache holds one good entry
        Assert.True(matched);
        Assert.Single(File.ReadAllLines(cacheFile), line => line.Split('\t') is [{ Length: 32 }, { Length: 32 }]);
        ChangeInPlaceKeepingSizeAndTime(FirstLogFile);
        Assert.True(await InputFingerprint.MatchesAsync(Sources, expected, Cache, Cancellation));
    }

    [Fact]
    public async Task A_cache_that_cannot_be_written_leaves_every_answer_to_the_files()
    {
        // Given a cache whose folder is a file, which no one, root included, can create files in
        var expected = await CopySampleAsync();
        File.WriteAllText(Cache.Folder, "a file where the cache folder should be");

        // When the input is matched, then changed in place with its size and time restored
        var before = await InputFingerprint.MatchesAsync(Sources, expected, Cache, Cancellation);
        ChangeInPlaceKeepingSizeAndTime(FirstLogFile);
        var after = await InputFingerprint.MatchesAsync(Sources, expected, Cache, Cancellation);

        // Then each answer came from reading the files, and nothing was thrown
        Assert.True(before);
        Assert.False(after);
    }

    [Fact]
    public void The_cache_keeps_the_latest_few_inputs_and_forgets_the_oldest()
    {
        var keys = Enumerable.Range(0, 10).Select(i => $"{i:x32}").ToArray();
        foreach (var key in keys)
            Cache.Remember(key, new string('a', 32));

        Assert.Null(Cache.Find(keys[0]));
        Assert.Null(Cache.Find(keys[1]));
        Assert.All(keys[2..], key => Assert.Equal(new string('a', 32), Cache.Find(key)));
    }
}
