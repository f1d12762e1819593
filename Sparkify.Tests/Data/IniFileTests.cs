namespace Sparkify.Tests.Data;

/// <summary>The INI parser behind dwh.cfg: configparser's file format, read the way the course's Python read it.</summary>
public sealed class IniFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-ini-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IniFile Load(string text)
    {
        var path = Path.Combine(_folder, "dwh.cfg");
        File.WriteAllText(path, text);
        return IniFile.Load(path);
    }

    [Fact]
    public void Names_are_case_insensitive_quotes_come_off_and_comments_are_skipped()
    {
        var ini = Load("""
            ; a comment
            [cluster]
            # another
            Host = 'localhost'
            DB_NAME="sparkify"
            DB_USER : postgres
            DB_PASSWORD = ''
            """);

        Assert.Equal(("localhost", "sparkify", "postgres"), (ini.Get("CLUSTER", "HOST"), ini.Get("Cluster", "db_name"), ini.Get("CLUSTER", "DB_USER")));
        Assert.Null(ini.Get("CLUSTER", "DB_PASSWORD"));
    }

    [Fact]
    public void Names_lists_each_section_and_key_as_written_with_its_line_and_no_value()
    {
        var ini = Load("""
            [CLUSTER]
            HOST = localhost

            [s3]
            Song_Data = sample/song_data
            """);

        Assert.Equal(
        [
            new IniName("CLUSTER", null, 1),
            new IniName("CLUSTER", "HOST", 2),
            new IniName("s3", null, 4),
            new IniName("s3", "Song_Data", 5),
        ], ini.Names);
    }
}
