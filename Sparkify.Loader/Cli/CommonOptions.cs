using System.CommandLine;

namespace Sparkify.Loader.Cli;

internal static class CommonOptions
{
    /// <summary>On every verb: a failure's details (inner errors, stack) after its one-line explanation.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "After an error's one-line explanation, print its details (inner errors and stack trace).",
        Recursive = true,
    };

    /// <summary>The settings file a verb reads; checked before the verb runs (<see cref="ConfigFileOption.Check"/>).</summary>
    public static ConfigFileOption Config() => new(mustExist: true);

    /// <summary>The settings file a verb writes, created when missing.</summary>
    public static ConfigFileOption ConfigToWrite() => new(mustExist: false);
}
