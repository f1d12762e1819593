using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Sparkify.Loader.Cli;

/// <summary>
/// Numeric options parse here, range included, so that a wrong value is a parse error in words ("--last takes a whole
/// number of at least 1, found 'x'") and never an exception: a validator that reads the value of a token that did not
/// parse throws out of the parser.
/// </summary>
internal static class WholeNumbers
{
    public static Option<int> AcceptsWholeNumbers(this Option<int> option, int min = int.MinValue)
    {
        option.CustomParser = result => Parse(result, min);
        return option;
    }

    public static Option<int?> AcceptsWholeNumbers(this Option<int?> option, int min = int.MinValue)
    {
        option.CustomParser = result => Parse(result, min);
        return option;
    }

    public static Option<long> AcceptsWholeNumbers(this Option<long> option, long min = long.MinValue)
    {
        option.CustomParser = result => Parse(result, min);
        return option;
    }

    private static T Parse<T>(ArgumentResult result, T min) where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var range = min == T.MinValue ? "a whole number" : $"a whole number of at least {min}";
        if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min)
            return value;
        var tooLarge = BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number > BigInteger.CreateTruncating(T.MaxValue);
        result.AddError($"{name} takes {range}{(tooLarge ? $" and at most {T.MaxValue}" : "")}, found '{text}'.");
        return default;
    }
}
