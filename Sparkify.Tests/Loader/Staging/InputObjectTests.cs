using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>An input object keeps its name as a shared folder and a file name, and orders and compares as the whole name would.</summary>
public sealed class InputObjectTests
{
    [Theory]
    [InlineData("/data/song_data/A/B/TRABC.json", "/data/song_data/A/B/", "TRABC.json")]
    [InlineData("s3://bucket/log_data/2018/11/day.json", "s3://bucket/log_data/2018/11/", "day.json")]
    [InlineData("plain.json", "", "plain.json")]
    [InlineData("/top.json", "/", "top.json")]
    public void A_whole_name_splits_at_its_last_slash_and_joins_again(string name, string folder, string fileName)
    {
        var file = new InputObject(name, 1, DateTime.UnixEpoch, null);

        Assert.Equal((folder, fileName, name), (file.Folder, file.FileName, file.Name));
    }

    [Fact]
    public void Objects_order_by_their_whole_names_ordinally_however_the_names_split()
    {
        // Folders that are prefixes of one another, of each other's file names, and names that differ only in case or length:
        // every split of every pair must order as string.CompareOrdinal orders the whole names.
        string[] names =
        [
            "/a/b.json", "/a/b/c.json", "/a/bc.json", "/a/b.json.gz", "/a/B.json", "/a/b/", "/ab/c.json", "/a/", "/a", "/", "",
            "/data/song_data/A/A/TRAAA.json", "/data/song_data/A/A/TRAAB.json", "/data/song_data/A/AB.json", "/data/song_data/A/A.json",
        ];
        var splits = names.SelectMany(name => Enumerable.Range(0, name.Length + 1)
            .Select(at => (Name: name, File: new InputObject(name[..at], name[at..], 0, DateTime.UnixEpoch, null)))).ToList();

        foreach (var (aName, a) in splits)
            foreach (var (bName, b) in splits)
            {
                Assert.Equal(Math.Sign(string.CompareOrdinal(aName, bName)), Math.Sign(InputObject.CompareByName(a, b)));
                Assert.Equal(aName == bName, InputObject.SameName(a, b));
            }
    }
}
