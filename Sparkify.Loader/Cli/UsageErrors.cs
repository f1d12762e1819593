using System.CommandLine;
using System.CommandLine.Parsing;
using Sparkify.Settings;

namespace Sparkify.Loader.Cli;

/// <summary>
/// A mistake on the command line (a value that does not parse, a missing or unknown option, an unknown verb) as one
/// line on standard error that names the option and shows its usage, and exit code 2, the usual code for a usage error;
/// nothing has run. The full help is one <c>--help</c> away, and the line says so.
/// </summary>
internal static class UsageErrors
{
    public const int ExitCode = 2;

    public static int Write(ParseResult parse, TextWriter error)
    {
        error.WriteLine(Line(parse));
        return ExitCode;
    }

    internal static string Line(ParseResult parse)
    {
        var path = CommandPath(parse.CommandResult);
        var (problem, usage) = Unmatched(parse, path) ?? FirstError(parse, path);
        return $"error (command line): {problem} Usage: {usage} ({path} --help lists every option).";
    }

    /// <summary>A word the command does not know: an unknown option or verb, or a value given to a flag.</summary>
    private static (string Problem, string Usage)? Unmatched(ParseResult parse, string path)
    {
        if (parse.UnmatchedTokens.Count == 0)
            return null;
        var word = parse.UnmatchedTokens[0];
        var command = parse.CommandResult.Command;
        // A flag never takes a word that is not true or false (--dry-run=maybe): the word is left over, and the flag is at fault.
        var at = parse.Tokens.ToList().FindIndex(token => token.Value == word && token.Type == TokenType.Argument);
        if (at > 0 && Flags(parse).FirstOrDefault(flag => ReferenceEquals(flag.IdentifierToken, parse.Tokens[at - 1])) is { } flag)
            return ($"{flag.Option.Name} is a flag and takes no value, found '{word}'.", OptionUsage(path, flag.Option));

        var options = OptionsOf(parse.CommandResult).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
        var verbs = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
        var nearest = EditDistance.Nearest(word, word.StartsWith('-') ? options : verbs);
        var problem = word.StartsWith('-')
            ? $"{path} has no option '{word}'"
            : command.Subcommands.Count > 0 ? $"{path} has no verb '{word}'" : $"{path} takes no argument '{word}'";
        return (problem + (nearest is null ? "." : $"; did you mean {nearest}?"), CommandUsage(path, command));
    }

    /// <summary>The error about what was typed first (a bad value), then the rest (an option left out).</summary>
    private static (string Problem, string Usage) FirstError(ParseResult parse, string path)
    {
        var error = parse.Errors.OrderBy(e => e.SymbolResult is OptionResult { Implicit: false } ? 0 : 1).First();
        switch (error.SymbolResult)
        {
            case OptionResult { Option: var option } result:
                var problem = result.Implicit && option.Required ? $"{option.Name} is required."
                    : result.Tokens.Count == 0 && option.Arity.MinimumNumberOfValues > 0 ? $"{option.Name} needs a value."
                    : result.Tokens.Count > option.Arity.MaximumNumberOfValues ? $"{option.Name} takes one value, found {result.Tokens.Count}."
                    : error.Message;
                return (problem, OptionUsage(path, option));
            case CommandResult { Command: { Subcommands.Count: > 0 } command } when parse.CommandResult.Command.Action is null:
                return ($"{path} needs a verb: {string.Join(" or ", command.Subcommands.Select(c => c.Name))}.", CommandUsage(path, command));
            default:
                return (error.Message, CommandUsage(path, parse.CommandResult.Command));
        }
    }

    private static IEnumerable<OptionResult> Flags(ParseResult parse) =>
        OptionsOf(parse.CommandResult).Where(o => o.ValueType == typeof(bool)).Select(parse.GetResult).OfType<OptionResult>();

    /// <summary>The options a command accepts: its own, and those its parents pass down (<c>--verbose</c>, <c>--help</c>).</summary>
    private static IEnumerable<Option> OptionsOf(CommandResult command)
    {
        for (SymbolResult? at = command; at is not null; at = at.Parent)
            if (at is CommandResult { Command: var c })
                foreach (var option in c.Options.Where(o => ReferenceEquals(at, command) || o.Recursive))
                    yield return option;
    }

    private static string OptionUsage(string path, Option option) =>
        option.ValueType == typeof(bool) ? $"{path} {option.Name}" : $"{path} {option.Name} <{option.HelpName ?? option.Name.TrimStart('-')}>";

    private static string CommandUsage(string path, Command command) =>
        command.Subcommands.Count > 0 ? $"{path} [command] [options]" : $"{path} [options]";

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? at = command; at is not null; at = at.Parent)
            if (at is CommandResult { Command: var c })
                names.Insert(0, c.Name);
        return string.Join(' ', names);
    }
}
