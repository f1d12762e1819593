namespace Sparkify.Settings;

/// <summary>The sections and keys of dwh.cfg that the loader does not know, each as a warning that suggests the nearest known name.</summary>
/// <remarks>
/// A misspelt key is otherwise silently ignored: <c>DB_PASWORD</c> leaves the password empty and the run fails later,
/// on authentication, far from the cause. It reads names only (<see cref="IniName"/>), so no value can reach a warning.
/// </remarks>
internal static class UnknownSettings
{
    public static IReadOnlyList<string> Find(IniFile ini)
    {
        var warnings = new List<string>();
        var reportedSections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var knownSections = KnownSettings.Read.Keys.Concat(KnownSettings.Ignored).ToList();
        foreach (var name in ini.Names)
        {
            var where = $"{ini.Path}, line {name.Line}";
            if (name.Key is null)
            {
                if (!knownSections.Contains(name.Section, StringComparer.OrdinalIgnoreCase) && reportedSections.Add(name.Section))
                    warnings.Add($"{where}: [{name.Section}] is not a section the loader reads; " + (EditDistance.Nearest(name.Section, knownSections) is { } section
                        ? $"did you mean [{section}]?"
                        : $"its keys are ignored (the loader reads {string.Join(", ", KnownSettings.Read.Keys.Select(s => $"[{s}]"))})."));
            }
            // Keys of an unknown section were reported with it; those of an ignored one are another tool's.
            else if (KnownSettings.Read.TryGetValue(name.Section, out var keys) && !keys.Contains(name.Key, StringComparer.OrdinalIgnoreCase))
            {
                warnings.Add($"{where}: [{name.Section}] {name.Key} is not a setting the loader reads; " + (EditDistance.Nearest(name.Key, keys) is { } key
                    ? $"did you mean {key}?"
                    : $"the keys of [{name.Section}] are {string.Join(", ", keys)}."));
            }
        }
        return warnings;
    }
}
