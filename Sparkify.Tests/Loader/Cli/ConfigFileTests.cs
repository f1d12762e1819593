using Sparkify.Loader.Generation;
using Sparkify.Server;

namespace Sparkify.Tests.Loader.Cli;

/// <summary>
/// Which dwh.cfg the loader reads, run where people run it: a file named with --config is named back as typed when it is
/// missing; left out, it is dwh.cfg here or in the nearest folder above (a checkout's, from its subfolders), whose relative
/// paths and embedded server are the checkout's; and an input folder that is not there stops the load before any server.
/// </summary>
[EndToEnd("starts the loader in chosen folders")]
public sealed class ConfigFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>SPARKIFY_CONFIG, were it set for the test run, would win over every folder: these runs go without it.</summary>
    private static readonly Dictionary<string, string> NoVariable = new() { [ConfigFileLocation.Variable] = "" };

    private static Task<ProcessRun> LoaderInAsync(string folder, params string[] args) =>
        ProcessRun.LoaderAsync(args, NoVariable, workingDirectory: folder);

    private static string[] Lines(ProcessRun run) => run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Theory]
    [InlineData("nosuch.cfg")]
    [InlineData("../elsewhere/dwh.cfg")]
    public async Task A_config_file_named_but_missing_is_one_line_with_the_path_as_typed_and_as_resolved(string typed)
    {
        var here = Directory.CreateDirectory(Path.Combine(_folder, "here")).FullName;

        var load = await LoaderInAsync(here, "--config", typed);
        var runs = await LoaderInAsync(here, "runs", "--config", typed);

        var expected = $"error (configuration): --config {typed}: no such file ({Path.GetFullPath(typed, here)}).";
        Assert.Equal(1, load.ExitCode);
        Assert.Equal([expected], Lines(load));
        Assert.Equal(1, runs.ExitCode);
        Assert.Equal([expected], Lines(runs));
    }

    [Fact]
    public async Task A_folder_named_as_config_is_one_line_naming_the_file_to_name_instead()
    {
        var run = await LoaderInAsync(_folder, "--config", ".");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"error (configuration): --config . is a folder ({_folder}); name the settings file in it, such as ./dwh.cfg."], Lines(run));
    }

    [Fact]
    public async Task With_no_dwh_cfg_here_or_above_the_loader_says_where_it_looked_in_one_line()
    {
        // Given a folder with no dwh.cfg in it or above it
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;
        var above = ConfigFileLocation.Find(empty);
        Assert.SkipWhen(above is { How: not ConfigFileLocation.Source.Variable }, $"{above?.Path} is above the test's temporary folder, and would be read.");

        // When
        var run = await LoaderInAsync(empty);

        // Then
        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"error (configuration): {ConfigFileLocation.NoneFound(empty)}"], Lines(run));
    }

    [Fact]
    public async Task From_a_subfolder_of_a_checkout_the_loader_reads_the_checkout_s_dwh_cfg_its_relative_paths_and_its_server_and_says_so()
    {
        // Given a checkout: dwh.cfg at its root naming input relative to it, and the loader's project folder below it
        var checkout = Directory.CreateDirectory(Path.Combine(_folder, "checkout")).FullName;
        var config = Path.Combine(checkout, "dwh.cfg");
        File.WriteAllLines(config, ["[CLUSTER]", "HOST =", "[S3]", "SONG_DATA = sample/song_data", "LOG_DATA = sample/log_data"]);
        SampleGenerator.Generate(new GeneratorOptions(Path.Combine(checkout, "sample"), Songs: 5, Events: 60));
        var project = Directory.CreateDirectory(Path.Combine(checkout, "Sparkify.Loader")).FullName;

        // When a dry run (which starts no server) runs there, as `dotnet run` inside Sparkify.Loader/ would
        var run = await LoaderInAsync(project, "--dry-run");

        // Then
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal($"config: {config}, the nearest dwh.cfg above this folder", Lines(run)[0]);
        Assert.Contains($"target the embedded PostgreSQL (data in {EmbeddedDataFolder.For(DwhConfig.Load(config))})", run.Output);
        Assert.Contains("staging_songs: all 5 would be staged afresh", run.Output);
        Assert.Contains(Path.Combine(checkout, "sample", "song_data"), run.Output);
        Assert.False(Directory.Exists(Path.Combine(project, EmbeddedDataFolder.BesideConfig)), "a second embedded server's data folder");
    }

    [Fact]
    public async Task A_missing_input_folder_is_one_line_naming_the_setting_and_both_paths_and_no_server_is_created()
    {
        // Given a dwh.cfg for the embedded server whose SONG_DATA, relative to it, is not there
        var config = Path.Combine(_folder, "dwh.cfg");
        File.WriteAllLines(config, ["[CLUSTER]", "HOST =", "DB_NAME = sparkify_nowhere", "[S3]",
            "SONG_DATA = songs", $"LOG_DATA = {Path.Combine(SampleWarehouse.Folder, "log_data")}"]);

        // When a load runs
        var run = await LoaderInAsync(_folder, "--config", "dwh.cfg");

        // Then
        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"error (configuration): {config}: [S3] SONG_DATA = songs: no such folder ({Path.Combine(_folder, "songs")}); " +
                      "relative paths resolve against the folder of the settings file."], Lines(run));
        Assert.False(Directory.Exists(EmbeddedDataFolder.For(DwhConfig.Load(config))), "the embedded server was created before the input was checked");
    }
}
