using Sparkify.Server;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// A real small file system to fill: a tmpfs mounted for one test and unmounted after it. Mounting needs root (as CI runs);
/// where it is not allowed, the test reports Skipped with the reason.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string path) => Path = path;

    /// <summary>Where it is mounted.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="options"/> (such as <c>size=1m</c>) on a new folder <paramref name="folder"/>.</summary>
    public static async Task<SmallDisk> MountAsync(string folder, string options)
    {
        Assert.SkipUnless(ServerProcess.IsRoot, "Mounting a small tmpfs to fill needs root.");
        var mount = Directory.CreateDirectory(folder).FullName;
        var mounted = await ProcessRun.RunAsync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", mount], timeout: TimeSpan.FromMinutes(1));
        Assert.SkipWhen(mounted.ExitCode != 0, $"mount -t tmpfs is not permitted here: {mounted.Output.Trim()}");
        return new SmallDisk(mount);
    }

    /// <summary>
    /// Lets the server's account reach the disk and own it, for a tablespace: temporary folders are private to their owner, so
    /// each folder from the disk up to the temporary folder's root gets search permission for others (nothing is listed or read).
    /// </summary>
    public async Task HandOverToServerAsync()
    {
        if (!OperatingSystem.IsLinux())
            return; // never mounted elsewhere: MountAsync skips first
        var root = System.IO.Path.GetFullPath(System.IO.Path.GetTempPath()).TrimEnd('/');
        for (var folder = new DirectoryInfo(Path); folder is not null && folder.FullName.StartsWith(root, StringComparison.Ordinal); folder = folder.Parent)
            File.SetUnixFileMode(folder.FullName, File.GetUnixFileMode(folder.FullName) | UnixFileMode.OtherExecute);
        var owned = await ProcessRun.RunAsync("chown", ["-R", ServerProcess.ServiceAccount, Path], timeout: TimeSpan.FromMinutes(1));
        Assert.True(owned.ExitCode == 0, owned.Output);
    }

    public async ValueTask DisposeAsync()
    {
        var unmounted = await ProcessRun.RunAsync("umount", [Path], timeout: TimeSpan.FromMinutes(1));
        Assert.True(unmounted.ExitCode == 0, unmounted.Output);
    }
}
