using Sparkify.Server;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// A folder with a dwh.cfg for the embedded PostgreSQL (HOST empty) and the committed sample, as a fresh clone is to the
/// loader: no embedded data folder yet. Disposing stops the server it got and deletes its data.
/// </summary>
public sealed class EmbeddedClone : IAsyncDisposable
{
    private readonly bool _ownsFolder;

    private EmbeddedClone(string folder, bool ownsFolder)
    {
        Folder = folder;
        _ownsFolder = ownsFolder;
        Config = WriteConfig("dwh.cfg", "sparkify");
        DataRoot = EmbeddedDataFolder.For(DwhConfig.Load(Config));
    }

    public string Folder { get; }

    /// <summary>The clone's dwh.cfg, for the database <c>sparkify</c>.</summary>
    public string Config { get; }

    /// <summary>Where the embedded server keeps its data for this clone (beside the cfg, unless the postgres account cannot enter it).</summary>
    public string DataRoot { get; }

    /// <summary>The port of the server running on the clone's data, or null when none runs.</summary>
    public int? RunningPort => PostmasterPid.ReadPort(Path.Combine(DataRoot, "pgdata"));

    /// <summary>A fresh clone in a temporary folder the postgres account can enter, so its data lives beside its cfg.</summary>
    public static EmbeddedClone Create()
    {
        var folder = Directory.CreateTempSubdirectory("sparkify-clone-").FullName;
        if (!OperatingSystem.IsWindows()) // rwxr-xr-x: CreateTempSubdirectory leaves it the owner's alone
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return new EmbeddedClone(folder, ownsFolder: true);
    }

    /// <summary>A fresh clone in <paramref name="folder"/>, which stays (a mount point, say).</summary>
    public static EmbeddedClone In(string folder) => new(folder, ownsFolder: false);

    /// <summary>Another cfg in the clone's folder, so on the same embedded server, naming the database <paramref name="database"/>.</summary>
    public string WriteConfig(string name, string database)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllLines(path, ["[CLUSTER]", "HOST =", $"DB_NAME = {database}", "[S3]",
            $"SONG_DATA = {Path.Combine(SampleWarehouse.Folder, "song_data")}", $"LOG_DATA = {Path.Combine(SampleWarehouse.Folder, "log_data")}"]);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await EmbeddedPostgres.StopAsync(DataRoot);
        if (Directory.Exists(DataRoot))
            Directory.Delete(DataRoot, recursive: true);
        if (_ownsFolder)
            Directory.Delete(Folder, recursive: true);
    }
}
