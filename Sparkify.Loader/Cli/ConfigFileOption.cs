using System.CommandLine;
using Sparkify.Settings;

namespace Sparkify.Loader.Cli;

/// <summary>
/// <c>--config FILE</c>, on every verb that reads dwh.cfg. Left out, it is the file <see cref="ConfigFileLocation"/> finds
/// (SPARKIFY_CONFIG, else dwh.cfg here or in the nearest folder above), which help shows relative to the current folder.
/// </summary>
internal sealed class ConfigFileOption : Option<FileInfo>
{
    /// <param name="mustExist">False for a verb that writes the file (<c>configure</c>), which creates it when missing.</param>
    public ConfigFileOption(bool mustExist) : base("--config")
    {
        MustExist = mustExist;
        Description = "The settings file (INI with [CLUSTER], [IAM_ROLE], [S3]); relative paths in it resolve against its folder. " +
                      $"Left out: the file {ConfigFileLocation.Variable} names, else the nearest {ConfigFileLocation.FileName} in this folder or above " +
                      "(the default shown is the one found from here).";
        DefaultValueFactory = _ => new FileInfo(DefaultPath());
    }

    public bool MustExist { get; }

    /// <summary>
    /// Before the verb runs: a named file that is missing, or no file found, is one line on <paramref name="error"/> and exit
    /// code 1, before anything else happens; a file found in a folder above is said, so nobody wonders which one is read.
    /// </summary>
    public static int? Check(ParseResult parse, TextWriter error)
    {
        foreach (var option in parse.CommandResult.Command.Options.OfType<ConfigFileOption>())
        {
            if (option.Problem(parse, error) is { } problem)
            {
                error.WriteLine($"error (configuration): {problem}");
                return 1;
            }
        }
        return null;
    }

    private string? Problem(ParseResult parse, TextWriter error)
    {
        if (parse.GetResult(this) is { Implicit: false, Tokens: [var token, ..] })
        {
            // As typed, since that is what the user looks for, and resolved, since that is where it was looked for.
            var full = Path.GetFullPath(token.Value);
            if (!MustExist || File.Exists(full))
                return null;
            return Directory.Exists(full)
                ? $"--config {token.Value} is a folder ({full}); name the settings file in it, such as {Path.Combine(token.Value, ConfigFileLocation.FileName)}."
                : $"--config {token.Value}: no such file ({full}).";
        }

        var found = ConfigFileLocation.Find();
        if (found is null)
            return MustExist ? ConfigFileLocation.NoneFound(Directory.GetCurrentDirectory()) : null;
        if (MustExist && found.Problem() is { } problem)
            return problem;
        if (found.How == ConfigFileLocation.Source.FolderAbove)
            error.WriteLine($"config: {found.Path}, the nearest {ConfigFileLocation.FileName} above this folder");
        return null;
    }

    private static string DefaultPath() => ConfigFileLocation.Find() switch
    {
        null => ConfigFileLocation.FileName,
        { How: ConfigFileLocation.Source.Variable } found => found.Path,
        var found => Path.GetRelativePath(Directory.GetCurrentDirectory(), found.Path),
    };
}
