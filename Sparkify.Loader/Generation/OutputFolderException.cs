namespace Sparkify.Loader.Generation;

/// <summary><c>generate</c> could not write its output folder; the message names the folder and why, and says that the run left nothing behind.</summary>
public sealed class OutputFolderException(string folder, string cause, Exception? inner = null)
    : Exception($"cannot write {folder}: {cause}. Nothing this run wrote was kept; what the folder held before is as it was.", inner)
{
    public string Folder { get; } = folder;

    // errno values as .NET reports them in IOException.HResult on Linux (and the BSDs' ENOSPC, 28, is the same).
    private const int NoSpace = 28, ReadOnlyFileSystem = 30, QuotaExceeded = 122;

    /// <summary>The cause in words: a full disk above all, which .NET words as the path's problem.</summary>
    internal static string Cause(Exception e) => e switch
    {
        IOException { HResult: NoSpace } => "no space left on the device",
        IOException { HResult: QuotaExceeded } => "the disk quota is used up",
        IOException { HResult: ReadOnlyFileSystem } => "the file system is read-only",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message.TrimEnd('.'),
    };
}
