using System.Text.RegularExpressions;

namespace Sparkify.Tests.Loader.Cli;

/// <summary>
/// docs/commands.md is every verb's <c>--help</c> as the built loader prints it, so each option is documented once, in
/// the code, and the doc cannot fall behind it. The verbs are those the help itself lists, as docs/commands reads them.
/// </summary>
[EndToEnd("starts the loader")]
public sealed partial class CommandHelpDocsTests
{
    private const string Regenerate = "run docs/commands (after dotnet build Sparkify.sln -c Release) and commit docs/commands.md";

    // One loader process per verb, shared by both tests. Its output is redirected, which System.CommandLine never wraps; it
    // runs in the repository's root, as docs/commands does, where --config's default is the root's dwh.cfg.
    private static readonly Lazy<Task<IReadOnlyDictionary<string, string>>> Printed = new(PrintedHelpAsync);

    [Fact]
    public async Task Commands_doc_holds_each_verb_s_help_exactly_as_the_loader_prints_it()
    {
        // Given
        var documented = DocumentedHelp();

        // When
        var printed = await Printed.Value;

        // Then
        var stale = printed.Where(verb => documented.TryGetValue(verb.Key, out var text) && text != verb.Value).Select(verb => Name(verb.Key)).ToList();
        Assert.True(stale.Count == 0, $"docs/commands.md differs from the --help of {string.Join(", ", stale)}; {Regenerate}.");
    }

    [Fact]
    public async Task Commands_doc_has_a_section_for_every_verb_the_loader_lists_and_no_other()
    {
        // Given
        var documented = DocumentedHelp();

        // When
        var printed = await Printed.Value;

        // Then
        var missing = printed.Keys.Except(documented.Keys).Select(Name).ToList();
        var extra = documented.Keys.Except(printed.Keys).Select(Name).ToList();
        Assert.True(missing.Count == 0, $"docs/commands.md has no section for {string.Join(", ", missing)}; {Regenerate}.");
        Assert.True(extra.Count == 0, $"docs/commands.md documents {string.Join(", ", extra)}, which the loader's help does not list; {Regenerate}.");
    }

    private static string Name(string verb) => verb.Length == 0 ? "the load (no verb)" : $"'{verb}'";

    /// <summary>Each block of docs/commands.md, by the verb its first line runs (empty for the load itself).</summary>
    private static Dictionary<string, string> DocumentedHelp()
    {
        var doc = File.ReadAllText(Path.Combine(DataPaths.RepositoryRoot, "docs", "commands.md")).ReplaceLineEndings("\n");
        return DocumentedBlock().Matches(doc).ToDictionary(block => block.Groups["verb"].Value.Trim(), block => block.Groups["help"].Value.TrimEnd());
    }

    /// <summary>Every verb's help, found as docs/commands finds them: from the root's "Commands:" list down.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> PrintedHelpAsync()
    {
        var printed = new Dictionary<string, string>();
        var pending = new Queue<string>([""]);
        while (pending.TryDequeue(out var verb))
        {
            var help = await ProcessRun.LoaderAsync([.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"],
                workingDirectory: DataPaths.RepositoryRoot);
            Assert.True(help.ExitCode == 0, $"{Name(verb)} --help failed:\n{help.Output}");
            printed[verb] = help.Output.ReplaceLineEndings("\n").TrimEnd();
            foreach (var subcommand in Subcommands(printed[verb]))
                pending.Enqueue($"{verb} {subcommand}".Trim());
        }
        return printed;
    }

    private static IEnumerable<string> Subcommands(string help) =>
        help.Split('\n').SkipWhile(line => line != "Commands:").Skip(1).TakeWhile(line => line.Length > 0)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);

    [GeneratedRegex(@"^```text\n\$ dotnet run --project Sparkify\.Loader -- (?<verb>[a-z -]*?)--help\n(?<help>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex DocumentedBlock();
}
