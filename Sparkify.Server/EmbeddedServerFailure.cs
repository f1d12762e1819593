using System.Text;
using System.Text.RegularExpressions;

namespace Sparkify.Server;

/// <summary>
/// Why the embedded server could not be created, started or reached, in one line: the last error it recorded (in its
/// log, or in what <c>initdb</c> said) and what to do, which is to free space where its file system is full.
/// </summary>
/// <remarks>
/// pg_ctl itself only says "could not start server; examine the log output". The cause that people meet most, a full
/// disk, is in the log ("No space left on device") when the log could still be written, and in the file system's free
/// space in any case, so both are read.
/// </remarks>
internal static partial class EmbeddedServerFailure
{
    public const string LogName = "postgres.log";

    /// <summary>Less free than one WAL segment and the server cannot be expected to write anything.</summary>
    private const long LowSpace = 16L * 1024 * 1024;

    /// <summary>How much of the log's end is read: a start's lines, or a refused connection's, are well within it.</summary>
    private const int TailBytes = 64 * 1024;

    private const int LongestQuote = 300;

    public static string LogPath(string dataRoot) => Path.Combine(dataRoot, LogName);

    /// <summary>The log's length now, so that what a start appends to it can be told from what earlier starts wrote.</summary>
    public static long LogLength(string dataRoot)
    {
        try
        {
            return new FileInfo(LogPath(dataRoot)).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The server did not start (<paramref name="logFrom"/>: the log's length before it tried) or refused a connection (0: the
    /// log's tail, from the running server's start).
    /// </summary>
    public static EmbeddedServerException FromLog(string dataRoot, string dataDirectory, string what, long logFrom, Exception cause)
    {
        var log = LogPath(dataRoot);
        var said = LastProblem(ThisServersLife(ReadFrom(log, logFrom)));
        var quote = said is null ? $"its log ({log}) names no error" : $"its log says \"{said}\" ({log})";
        return Explain(dataRoot, $"the embedded PostgreSQL (data in {dataDirectory}) {what}: {quote}", said, cause);
    }

    /// <summary><c>initdb</c> failed: its own last error line is the cause.</summary>
    public static EmbeddedServerException FromInitdb(string dataRoot, string dataDirectory, EmbeddedServerException cause)
    {
        var said = cause.ToolErrors?.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.Contains("error:", StringComparison.Ordinal));
        var quote = said is null ? "" : $": it said \"{Cut(said)}\"";
        return Explain(dataRoot, $"initdb could not create the embedded PostgreSQL's data in {dataDirectory}{quote}", said, cause);
    }

    private static EmbeddedServerException Explain(string dataRoot, string failure, string? said, Exception cause)
    {
        var disk = FileSystemOf(dataRoot);
        var full = said is not null && (said.Contains("No space left on device", StringComparison.OrdinalIgnoreCase) ||
                                        said.Contains("Disk quota exceeded", StringComparison.OrdinalIgnoreCase));
        string advice;
        if (disk is { } fs && (full || fs.Free < LowSpace))
            advice = $"The file system of its data ({fs.MountPoint}) has {Size(fs.Free)} free: free space on {fs.MountPoint}, then rerun.";
        else if (full)
            advice = "Its file system is full: free space there, then rerun.";
        else
            advice = said is null ? "Rerun with --verbose to see what PostgreSQL's tools said." : "Fix that, then rerun (--verbose shows what PostgreSQL's tools said).";
        return new EmbeddedServerException($"{failure}. {advice}", cause);
    }

    /// <summary>The text appended to <paramref name="log"/> since <paramref name="from"/> (at most its last <see cref="TailBytes"/>).</summary>
    private static string ReadFrom(string log, long from)
    {
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Position = Math.Clamp(stream.Length - TailBytes, Math.Min(from, stream.Length), stream.Length);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>What the log says from the last start of a server on: older problems were another server's.</summary>
    private static string ThisServersLife(string logText)
    {
        var start = logText.LastIndexOf("LOG:  starting PostgreSQL", StringComparison.Ordinal);
        return start < 0 ? logText : logText[start..];
    }

    /// <summary>The most severe of the log's PANIC, FATAL and ERROR lines, the latest of those; null when there is none.</summary>
    internal static string? LastProblem(string logText) =>
        logText.Split('\n')
            .Select(line => Problem().Match(line))
            .Where(match => match.Success)
            .Select((match, order) => (Severity: Array.IndexOf(Severities, match.Groups["severity"].Value), order,
                Text: $"{match.Groups["severity"].Value}: {Cut(WhiteSpace().Replace(match.Groups["text"].Value.Trim(), " "))}"))
            .OrderByDescending(problem => problem.Severity).ThenByDescending(problem => problem.order)
            .Select(problem => problem.Text)
            .FirstOrDefault();

    private static readonly string[] Severities = ["ERROR", "FATAL", "PANIC"];

    private static string Cut(string text) => text.Length <= LongestQuote ? text : text[..LongestQuote] + "…";

    private static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => $"{bytes:N0} bytes",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):N1} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):N1} GiB",
    };

    /// <summary>The mount point and free bytes of the file system holding <paramref name="path"/>; null where the system will not say.</summary>
    private static (string MountPoint, long Free)? FileSystemOf(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var drive = DriveInfo.GetDrives()
                .Where(d => IsUnder(full, d.RootDirectory.FullName))
                .MaxBy(d => d.RootDirectory.FullName.Length);
            return drive is null ? null : (drive.RootDirectory.FullName, drive.AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsUnder(string path, string root)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var folder = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return path.Equals(root, comparison) || path.StartsWith(folder, comparison);
    }

    /// <summary>A log line's severity and text after PostgreSQL's prefix: <c>2026-01-01 10:00:00.000 UTC [123] FATAL:  …</c>.</summary>
    [GeneratedRegex(@"\b(?<severity>PANIC|FATAL|ERROR):\s+(?<text>.+)$")]
    private static partial Regex Problem();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
