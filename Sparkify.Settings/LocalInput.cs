namespace Sparkify.Settings;

/// <summary>An input setting (<c>[S3] SONG_DATA</c>, <c>LOG_DATA</c>) that names a local path: as written in dwh.cfg, and resolved against the file's folder.</summary>
public sealed record LocalInput(string Setting, string Written, string Resolved)
{
    /// <summary>Why the loader cannot read it (missing, or not readable), naming the setting and both paths; null when it can.</summary>
    public string? Problem()
    {
        var where = $"{Setting} = {Written}";
        var resolved = Written == Resolved ? "" : $" ({Resolved})";
        try
        {
            if (Directory.Exists(Resolved))
            {
                // Reading one entry is what proves the folder readable; its permission bits alone say nothing to root.
                using var entries = Directory.EnumerateFileSystemEntries(Resolved).GetEnumerator();
                entries.MoveNext();
                return null;
            }
            if (File.Exists(Resolved))
            {
                File.OpenHandle(Resolved).Dispose();
                return null;
            }
        }
        catch (UnauthorizedAccessException)
        {
            return $"{where}: the loader may not read {Resolved}; give it read access, or point {Setting} elsewhere.";
        }
        catch (IOException e)
        {
            return $"{where}: {Resolved} cannot be read: {e.Message}";
        }
        return $"{where}: no such folder{resolved}; relative paths resolve against the folder of the settings file.";
    }
}
