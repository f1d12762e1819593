using System.CommandLine;
using System.CommandLine.Invocation;
using Sparkify.Loader.Cli;

namespace Sparkify.Tests.Loader.Cli;

/// <summary>
/// A mistake on the command line, on any verb and any option, is one line that names the option (or the word it does not
/// know) with its usage, exit code 2, and never an exception. The verbs and options are read from the loader's own tree
/// (<see cref="LoaderCommands.Create"/>, what Program.cs runs), so an option added later is covered without a change here.
/// </summary>
public sealed class CommandLineMistakeTests
{
    /// <summary>Every verb, by the words that name it ("" for the load), with its command.</summary>
    private static IEnumerable<(string[] Path, Command Command)> Verbs(Command command, string[] path)
    {
        yield return (path, command);
        foreach (var subcommand in command.Subcommands)
            foreach (var verb in Verbs(subcommand, [.. path, subcommand.Name]))
                yield return verb;
    }

    private static IEnumerable<(string[] Path, Command Command)> AllVerbs() => Verbs(LoaderCommands.Create(), []);

    /// <summary>A value of the wrong type for a typed option; null for one that takes any text (a path).</summary>
    private static string[]? WrongValue(Option option) => option.ValueType switch
    {
        var t when t == typeof(bool) => [$"{option.Name}=maybe"],
        var t when t == typeof(int) || t == typeof(int?) || t == typeof(long) => [option.Name, "five"],
        var t when t == typeof(string) || typeof(FileSystemInfo).IsAssignableFrom(t) => null,
        var t => throw new InvalidOperationException($"{option.Name} is of type {t}, which this test has no wrong value for: add one."),
    };

    /// <summary>What the loader prints for <paramref name="args"/>, and its exit code, as Program.cs runs a parse that failed.</summary>
    private static (int ExitCode, string[] Lines) Mistake(string[] args)
    {
        var parse = LoaderCommands.Create().Parse(args);
        Assert.True(parse.Action is ParseErrorAction, $"'{string.Join(' ', args)}' parsed without an error");
        var error = new StringWriter();
        var exitCode = UsageErrors.Write(parse, error);
        return (exitCode, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Every_typed_option_of_every_verb_given_a_wrong_value_is_one_line_naming_it_with_its_usage_and_exit_code_2()
    {
        // Given every option of every verb that takes a typed value (flags included: they take true or false at most)
        var cases = AllVerbs()
            .SelectMany(verb => verb.Command.Options.Where(option => option.Name is not ("--help" or "--version"))
                .Select(option => (verb.Path, Option: option, Value: WrongValue(option))))
            .Where(c => c.Value is not null)
            .ToList();
        Assert.Contains(cases, c => c.Path is [] && c.Option.Name == "--max-errors");
        Assert.Contains(cases, c => c.Path is ["runs"] && c.Option.Name == "--last");

        Assert.All(cases, c =>
        {
            // When
            var (exitCode, lines) = Mistake([.. c.Path, .. c.Value!]);

            // Then
            var line = Assert.Single(lines);
            Assert.Equal(2, exitCode);
            Assert.StartsWith("error (command line): ", line);
            Assert.Contains($"{c.Option.Name} ", line);
            Assert.Contains($"Usage: {string.Join(' ', [RootCommand.ExecutableName, .. c.Path])} {c.Option.Name}", line);
            Assert.DoesNotContain("System.", line); // the expected value in words, not as a .NET type
        });
    }

    [Theory]
    [InlineData(new[] { "--max-errors", "-1" }, "--max-errors takes a whole number of at least 0, found '-1'.")]
    [InlineData(new[] { "--lock-timeout", "-5" }, "--lock-timeout takes a whole number of at least 0, found '-5'.")]
    [InlineData(new[] { "runs", "--last", "0" }, "--last takes a whole number of at least 1, found '0'.")]
    [InlineData(new[] { "runs", "--last", "99999999999" }, "--last takes a whole number of at least 1 and at most 2147483647, found '99999999999'.")]
    [InlineData(new[] { "generate", "--output", "x", "--events", "29" }, "--events takes a whole number of at least 30, found '29'.")]
    [InlineData(new[] { "generate", "--output", "x", "--songs", "0" }, "--songs takes a whole number of at least 1, found '0'.")]
    public void A_number_out_of_its_range_is_one_line_saying_the_range(string[] args, string problem)
    {
        var (exitCode, lines) = Mistake(args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"error (command line): {problem} Usage: ", Assert.Single(lines));
    }

    [Fact]
    public void An_unknown_option_on_any_verb_and_an_unknown_verb_under_any_verb_are_one_line_with_exit_code_2()
    {
        foreach (var (path, command) in AllVerbs())
        {
            var name = string.Join(' ', [RootCommand.ExecutableName, .. path]);
            var unknownOption = Mistake([.. path, "--no-such-option"]);
            Assert.Equal(2, unknownOption.ExitCode);
            Assert.StartsWith($"error (command line): {name} has no option '--no-such-option'. Usage: {name} ", Assert.Single(unknownOption.Lines));

            if (command.Subcommands.Count == 0)
                continue;
            var unknownVerb = Mistake([.. path, "no-such-verb"]);
            Assert.Equal(2, unknownVerb.ExitCode);
            Assert.StartsWith($"error (command line): {name} has no verb 'no-such-verb'. Usage: {name} [command]", Assert.Single(unknownVerb.Lines));
        }
    }

    [Theory]
    [InlineData(new[] { "--dryrun" }, "has no option '--dryrun'; did you mean --dry-run?")]
    [InlineData(new[] { "genrate" }, "has no verb 'genrate'; did you mean generate?")]
    [InlineData(new[] { "server", "stat" }, "server has no verb 'stat'; did you mean start?")]
    [InlineData(new[] { "server" }, "server needs a verb: start or stop.")]
    [InlineData(new[] { "generate" }, "--output is required.")]
    [InlineData(new[] { "generate", "--output" }, "--output needs a value.")]
    [InlineData(new[] { "generate", "--songs", "five" }, "--songs takes a whole number of at least 1, found 'five'.")] // what was typed before what was left out
    [InlineData(new[] { "runs", "--last", "1", "--last", "2" }, "--last takes one value, found 2.")]
    public void A_slip_is_named_with_what_was_meant(string[] args, string problem)
    {
        var (exitCode, lines) = Mistake(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(problem + " Usage: ", Assert.Single(lines));
    }

    [EndToEnd("starts the loader")]
    [Theory]
    [InlineData("--max-errors", "five")]
    [InlineData("runs", "--last", "x")]
    [InlineData("--lock-timeout", "abc")]
    [InlineData("generate", "--output", "x", "--seed", "1.5")]
    [InlineData("--bogus")]
    [InlineData("bogusverb")]
    public async Task The_loader_answers_a_command_line_mistake_with_one_line_and_exit_code_2(params string[] args)
    {
        var run = await ProcessRun.LoaderAsync(args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error (command line): ", line);
        Assert.Contains(" Usage: Sparkify.Loader", line);
        Assert.DoesNotContain("Unhandled", run.Output);
    }
}
