namespace Sparkify.Settings;

/// <summary>Sets keys in an INI file in place, keeping every other line (comments included) as it was.</summary>
public static class IniFileEditor
{
    public static void Set(string path, IReadOnlyList<(string Section, string Key, string Value)> settings)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : [];
        foreach (var (section, key, value) in settings)
            Set(lines, section, key, value);
        File.WriteAllLines(path, lines);
    }

    private static void Set(List<string> lines, string section, string key, string value)
    {
        var header = lines.FindIndex(l => l.Trim().Equals($"[{section}]", StringComparison.OrdinalIgnoreCase));
        if (header < 0)
        {
            if (lines.Count > 0 && lines[^1].Trim().Length > 0)
                lines.Add("");
            lines.Add($"[{section}]");
            lines.Add($"{key} = {value}");
            return;
        }
        var end = lines.FindIndex(header + 1, l => l.TrimStart().StartsWith('['));
        if (end < 0)
            end = lines.Count;
        for (var i = header + 1; i < end; i++)
        {
            var line = lines[i].Trim();
            var separator = line.IndexOfAny(['=', ':']);
            if (line.Length > 0 && line[0] is not (';' or '#') && separator > 0
                && line[..separator].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                lines[i] = $"{key} = {value}";
                return;
            }
        }
        // After the section's last non-blank line, so a blank line before the next section stays.
        var insertAt = end;
        while (insertAt > header + 1 && lines[insertAt - 1].Trim().Length == 0)
            insertAt--;
        lines.Insert(insertAt, $"{key} = {value}");
    }
}
