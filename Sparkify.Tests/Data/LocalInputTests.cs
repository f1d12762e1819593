using Sparkify.Server;

namespace Sparkify.Tests.Data;

/// <summary>
/// SONG_DATA and LOG_DATA, where they name local paths, are checked before a load starts anything: a path that is not
/// there, or cannot be read, is one line naming the setting, the path as written and as resolved.
/// </summary>
public sealed class LocalInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-inputs-").FullName;

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
            foreach (var folder in Directory.EnumerateDirectories(_folder))
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(_folder, recursive: true);
    }

    private DwhConfig Config(string songData, string logData)
    {
        var path = Path.Combine(_folder, "dwh.cfg");
        File.WriteAllLines(path, ["[S3]", $"SONG_DATA = {songData}", $"LOG_DATA = {logData}"]);
        return DwhConfig.Load(path);
    }

    [Fact]
    public void A_relative_path_that_is_not_there_is_named_as_written_and_as_resolved()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "songs"));
        var config = Config("songs", "logs/2018");

        var error = Assert.Throws<ConfigurationException>(() => config.CheckLocalInputs());

        Assert.Equal($"{config.Path}: [S3] LOG_DATA = logs/2018: no such folder ({Path.Combine(_folder, "logs", "2018")}); " +
                     "relative paths resolve against the folder of the settings file.", error.Message);
    }

    [Fact]
    public void An_absolute_path_that_is_not_there_is_named_once()
    {
        var missing = Path.Combine(_folder, "nowhere");
        var config = Config(missing, missing);

        var error = Assert.Throws<ConfigurationException>(() => config.CheckLocalInputs());

        Assert.Equal($"{config.Path}: [S3] SONG_DATA = {missing}: no such folder; relative paths resolve against the folder of the settings file.", error.Message);
    }

    [Fact]
    public void Folders_and_a_single_file_that_are_there_pass_and_s3_prefixes_are_not_checked_here()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "songs"));
        File.WriteAllText(Path.Combine(_folder, "events.json"), "{}");

        var local = Config("songs", "events.json");

        Assert.Same(local, local.CheckLocalInputs());
        Assert.Empty(Config("s3://bucket/song_data", "S3://bucket/log_data").LocalInputs);
    }

    [Fact]
    public void A_folder_the_loader_may_not_read_is_named_with_the_fix()
    {
        Assert.SkipWhen(ServerProcess.IsRoot, "Root reads every folder whatever its permissions; run the suite as another user to see this.");
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The folder is made unreadable with Unix permissions.");
            return;
        }
        var locked = Directory.CreateDirectory(Path.Combine(_folder, "locked")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var config = Config("locked", "locked");

        var error = Assert.Throws<ConfigurationException>(() => config.CheckLocalInputs());

        Assert.Equal($"{config.Path}: [S3] SONG_DATA = locked: the loader may not read {locked}; give it read access, or point [S3] SONG_DATA elsewhere.",
            error.Message);
    }
}
