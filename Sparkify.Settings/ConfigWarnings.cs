namespace Sparkify.Settings;

/// <summary>Shows dwh.cfg's warnings in the commands people run (the loader's verbs, <c>dotnet ef</c>).</summary>
public static class ConfigWarnings
{
    /// <summary>Prints the warnings to standard error, one line each, and returns the settings, so a call site stays one line.</summary>
    /// <remarks>Standard error, so that output piped elsewhere (a dry run's SQL, <c>dotnet ef migrations script</c>) stays clean.</remarks>
    public static DwhConfig PrintWarnings(this DwhConfig config)
    {
        foreach (var warning in config.Warnings)
            Console.Error.WriteLine($"warning: {warning}");
        return config;
    }
}
