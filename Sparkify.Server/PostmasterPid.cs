namespace Sparkify.Server;

/// <summary>Reads the port of a running PostgreSQL server from its data directory's <c>postmaster.pid</c>.</summary>
/// <remarks>Line 4 of that file is the port: https://www.postgresql.org/docs/current/storage-file-layout.html</remarks>
public static class PostmasterPid
{
    public static int? ReadPort(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "postmaster.pid");
        try
        {
            var lines = File.ReadLines(path).Take(4).ToList();
            return lines.Count == 4 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
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
}
