
namespace Sparkify.Tests.Loader.Cli;

/// <summary>
/// <c>generate</c> onto a folder it cannot fill (a full disk, a read-only file system, a file in the way) is one line that
/// names the folder and the cause, exit code 1, and leaves the folder as it was: nothing partial, an earlier data set kept.
/// The disks are real: small tmpfs mounts, which need root.
/// </summary>
[EndToEnd("starts the loader and mounts file systems")]
public sealed class GenerateOutputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-generate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Kept = "Nothing this run wrote was kept; what the folder held before is as it was.";

    private static string[] Lines(ProcessRun run) => run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every file under <paramref name="folder"/> with its bytes, hidden ones included.</summary>
    private static Dictionary<string, byte[]> Tree(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ToDictionary(entry => Path.GetRelativePath(folder, entry), entry => File.Exists(entry) ? File.ReadAllBytes(entry) : []);

    /// <summary>Runs <paramref name="test"/> on a tmpfs of <paramref name="options"/> mounted for it, unmounted after; Skipped where mounting is not allowed.</summary>
    private async Task OnTmpfsAsync(string options, Func<string, Task> test)
    {
        await using var disk = await SmallDisk.MountAsync(Path.Combine(_folder, "disk"), options);
        await test(disk.Path);
    }

    [Fact]
    public async Task Generate_onto_a_full_disk_is_one_line_naming_the_folder_and_the_cause_and_leaves_nothing()
    {
        await OnTmpfsAsync("size=1m", async disk =>
        {
            // Given a 1 MB disk and the default data set, 5 MB
            var output = Path.Combine(disk, "sample");

            // When
            var run = await ProcessRun.LoaderAsync(["generate", "--output", output]);

            // Then
            Assert.Equal(1, run.ExitCode);
            Assert.Equal([$"error (output folder): cannot write {output}: no space left on the device. {Kept}"], Lines(run));
            Assert.Empty(Tree(disk));
        });
    }

    [Fact]
    public async Task Generate_that_runs_out_of_space_over_an_earlier_data_set_keeps_that_data_set_as_it_was()
    {
        await OnTmpfsAsync("size=1m", async disk =>
        {
            // Given a small data set that fits
            var first = await ProcessRun.LoaderAsync(["generate", "--output", disk, "--songs", "5", "--events", "60"]);
            Assert.True(first.ExitCode == 0, first.Output);
            var before = Tree(disk);

            // When a larger one is generated over it
            var run = await ProcessRun.LoaderAsync(["generate", "--output", disk]);

            // Then
            Assert.Equal(1, run.ExitCode);
            Assert.Equal([$"error (output folder): cannot write {disk}: no space left on the device. {Kept}"], Lines(run));
            var after = Tree(disk);
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            Assert.All(before, entry => Assert.True(entry.Value.AsSpan().SequenceEqual(after[entry.Key]), $"{entry.Key} changed"));
        });
    }

    [Fact]
    public async Task Generate_onto_a_read_only_file_system_is_one_line_naming_the_folder_and_the_cause()
    {
        await OnTmpfsAsync("ro,size=1m", async disk =>
        {
            var output = Path.Combine(disk, "sample");

            var run = await ProcessRun.LoaderAsync(["generate", "--output", output]);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal([$"error (output folder): cannot write {output}: the file system is read-only. {Kept}"], Lines(run));
        });
    }

    [Theory]
    [InlineData("a-file", "it is a file, not a folder")]
    [InlineData("a-file/sample", "{file} is a file, not a folder")]
    public async Task Generate_onto_a_file_is_one_line_naming_it(string output, string cause)
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "not a folder");
        var path = Path.Combine(_folder, output);

        var run = await ProcessRun.LoaderAsync(["generate", "--output", path]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"error (output folder): cannot write {path}: {cause.Replace("{file}", file, StringComparison.Ordinal)}. {Kept}"], Lines(run));
        Assert.Equal("not a folder", File.ReadAllText(file));
    }
}
