namespace Sparkify.Settings;

/// <summary>
/// The dwh.cfg a command reads when none is named, for the loader's verbs and <c>dotnet ef</c> alike: the file
/// <c>SPARKIFY_CONFIG</c> names, else <c>dwh.cfg</c> in the current folder, else in the nearest folder above it that has
/// one, as git finds its repository: a command run in a checkout's subfolder reads the checkout's file (and its relative
/// paths, and its embedded server's data beside it) instead of failing or starting a second server.
/// </summary>
public sealed record ConfigFileLocation(string Path, ConfigFileLocation.Source How)
{
    public const string Variable = "SPARKIFY_CONFIG";
    public const string FileName = "dwh.cfg";

    public enum Source { Variable, ThisFolder, FolderAbove }

    /// <summary>Where the file is, or null when no folder from <paramref name="folder"/> (default: the current one) up has one.</summary>
    /// <remarks>A path SPARKIFY_CONFIG names is returned whether or not the file exists: <see cref="Problem"/> says so.</remarks>
    public static ConfigFileLocation? Find(string? folder = null)
    {
        folder ??= Directory.GetCurrentDirectory();
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named)
            return new(System.IO.Path.GetFullPath(named, folder), Source.Variable);
        var how = Source.ThisFolder;
        for (var at = new DirectoryInfo(folder); at is not null; at = at.Parent, how = Source.FolderAbove)
        {
            var candidate = System.IO.Path.Combine(at.FullName, FileName);
            if (File.Exists(candidate))
                return new(candidate, how);
        }
        return null;
    }

    /// <summary>The path of the file that <see cref="Find"/> gives, as a command found it; throws the one-line error when there is none.</summary>
    public static string Require(string? folder = null)
    {
        var found = Find(folder) ?? throw new ConfigurationException(NoneFound(folder ?? Directory.GetCurrentDirectory()));
        return found.Problem() is { } problem ? throw new ConfigurationException(problem) : found.Path;
    }

    /// <summary>Why this location cannot be read, or null when it can.</summary>
    public string? Problem() => How == Source.Variable && !File.Exists(Path)
        ? $"{Variable} names {Environment.GetEnvironmentVariable(Variable)}, which is not a file ({Path}); set it to your dwh.cfg, or unset it."
        : null;

    public static string NoneFound(string folder) =>
        $"no {FileName} in {folder} or any folder above it: run in the folder of your {FileName} (a checkout's root), " +
        $"or name it with --config FILE or {Variable}.";
}
