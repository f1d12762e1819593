using System.Runtime.CompilerServices;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// Puts the test run's scratch files (each test's input folders, the throwaway PostgreSQL server's data, what the processes
/// the tests start write) in memory when the machine offers a tmpfs at <c>/dev/shm</c> and <c>TMPDIR</c> is not set. Every
/// test copies input and creates databases, and on a 2-core disk-backed machine those file operations took more than half
/// of the fast tier's time: 92 s against 41 s for the same 283 tests.
/// </summary>
/// <remarks>The run gets a folder of its own there, removed when the test process exits, with whatever a killed process left.</remarks>
internal static class MemoryBackedTemp
{
    private const string Tmpfs = "/dev/shm";

    [ModuleInitializer]
    internal static void Use()
    {
        if (!OperatingSystem.IsLinux() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TMPDIR")) || !Directory.Exists(Tmpfs))
            return;
        var folder = Path.Combine(Tmpfs, $"sparkify-tests-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // not writable here: the system's temporary folder it is
        }
        Environment.SetEnvironmentVariable("TMPDIR", folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(folder);
    }

    private static void Remove(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something still holds a file there (a server a test could not stop): the tmpfs is emptied at the next boot.
        }
    }
}
