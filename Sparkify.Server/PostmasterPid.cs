namespace Sparkify.Server;

/// <summary>Reads a PostgreSQL server's process id and port from its data directory's <c>postmaster.pid</c>.</summary>
/// <remarks>Line 1 of that file is the postmaster's process id, line 4 the port: https://www.postgresql.org/docs/current/storage-file-layout.html</remarks>
public static class PostmasterPid
{
    /// <summary>The postmaster's process id and port, or null when there is no such file or it is not one.</summary>
    public static (int Pid, int Port)? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "postmaster.pid");
        try
        {
            var lines = File.ReadLines(path).Take(4).ToList();
            return lines.Count == 4 && int.TryParse(lines[0].Trim(), out var pid) && int.TryParse(lines[3].Trim(), out var port) ? (pid, port) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static int? ReadPort(string dataDirectory) => Read(dataDirectory)?.Port;
}
