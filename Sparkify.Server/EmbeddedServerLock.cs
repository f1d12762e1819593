using System.Diagnostics;

namespace Sparkify.Server;

/// <summary>
/// Lets one process at a time create, start or stop the embedded server of a data folder, so that loaders started at
/// once on a fresh clone run one <c>initdb</c> and one server between them, and the others attach to it.
/// </summary>
/// <remarks>
/// The lock is a file beside the data directory opened with <see cref="FileShare.None"/>: .NET takes an exclusive
/// <c>flock</c> on it on Unix (a sharing lock on Windows), which the system drops when the process ends however it ends,
/// so a killed loader never leaves it held. The file itself stays: deleting a lock file races with the next opener.
/// It is opened close-on-exec, as .NET opens every file, so the server that <c>pg_ctl</c> starts under it does not keep it.
/// </remarks>
internal sealed class EmbeddedServerLock : IDisposable
{
    public const string FileName = "server.lock";

    /// <summary>How long a process waits before saying so: attaching to a running server takes milliseconds.</summary>
    public static readonly TimeSpan QuietWait = TimeSpan.FromSeconds(1);

    /// <summary>Past <c>initdb</c> and <c>pg_ctl start -t 60</c> on a slow machine: a holder that long is stuck, not starting.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _file;

    private EmbeddedServerLock(FileStream file) => _file = file;

    /// <summary>
    /// Takes the lock of the data folder <paramref name="dataRoot"/> (which must exist), waiting while another process holds
    /// it; after <see cref="QuietWait"/> it writes one line to <paramref name="notices"/> saying what it waits for.
    /// </summary>
    /// <param name="patience">How long to wait in all before giving up with an error that names the lock file.</param>
    public static async Task<EmbeddedServerLock> AcquireAsync(string dataRoot, TextWriter notices, TimeSpan patience, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataRoot, FileName);
        var waiting = Stopwatch.StartNew();
        var said = false;
        while (true)
        {
            try
            {
                return new EmbeddedServerLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
            }
            if (waiting.Elapsed >= patience)
                throw new EmbeddedServerException(
                    $"Another process has been starting or stopping the embedded PostgreSQL (data in {dataRoot}) for {waiting.Elapsed.TotalSeconds:N0} s " +
                    $"and still holds {path}: see which (fuser -v {path}), end it if it hangs, then rerun.");
            if (!said && waiting.Elapsed >= QuietWait)
            {
                notices.WriteLine($"waiting for another process that is starting or stopping the embedded PostgreSQL (data in {dataRoot})…");
                said = true;
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>
    /// The lock is held by another open of the file: EWOULDBLOCK from <c>flock</c> (.NET gives the errno as HResult: 11 on
    /// Linux, 35 on macOS), or a sharing or lock violation on Windows. Anything else (no space, no permission) is thrown.
    /// </summary>
    private static bool IsHeldElsewhere(IOException e) =>
        OperatingSystem.IsWindows() ? e.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021)
        : e.HResult == (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 35 : 11);

    public void Dispose() => _file.Dispose();
}
