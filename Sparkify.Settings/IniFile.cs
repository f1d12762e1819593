namespace Sparkify.Settings;

/// <summary>A parsed INI file: <c>[SECTION]</c> headers, <c>KEY = value</c> lines, <c>;</c> or <c>#</c> comments.</summary>
/// <remarks>Section and key names are case-insensitive, as in Python's configparser, which wrote the original dwh.cfg.</remarks>
public sealed class IniFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IniName> _names = [];

    public string Path { get; }

    /// <summary>Every section header and key in the file, in file order, as written.</summary>
    public IReadOnlyList<IniName> Names => _names;

    private IniFile(string path) => Path = path;

    public static IniFile Load(string path)
    {
        if (!File.Exists(path))
            throw new ConfigurationException($"{path}: no such settings file.");

        var ini = new IniFile(System.IO.Path.GetFullPath(path));
        Dictionary<string, string>? section = null;
        var sectionName = "";
        var lineNumber = 0;
        foreach (var rawLine in File.ReadLines(path))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is ';' or '#')
                continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                sectionName = line[1..^1].Trim();
                if (!ini._sections.TryGetValue(sectionName, out section))
                    ini._sections[sectionName] = section = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                ini._names.Add(new IniName(sectionName, null, lineNumber));
                continue;
            }
            var separator = line.IndexOfAny(['=', ':']);
            // The line itself stays out of the message: it may be a password that lost its 'DB_PASSWORD ='.
            if (separator <= 0)
                throw new ConfigurationException(
                    $"{path}, line {lineNumber}: expected '[SECTION]' or 'KEY = value'; write the line in one of these forms, or start it with ; to make it a comment.");
            var key = line[..separator].Trim();
            if (section is null)
                throw new ConfigurationException(
                    $"{path}, line {lineNumber}: {key} comes before any [SECTION] header; put it under the section it belongs to (see docs/configuration.md).");
            section[key] = Unquote(line[(separator + 1)..].Trim());
            ini._names.Add(new IniName(sectionName, key, lineNumber));
        }
        return ini;
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="section"/>, or null when absent or empty.</summary>
    public string? Get(string section, string key) =>
        _sections.TryGetValue(section, out var values) && values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : null;

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0], value[^1]) is ('"', '"') or ('\'', '\'') ? value[1..^1] : value;
}
