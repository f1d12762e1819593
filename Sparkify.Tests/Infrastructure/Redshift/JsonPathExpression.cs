using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// One JSONPath of a JSONPaths file, as Redshift's COPY reads it: "an explicit path to a single name element", in bracket or dot
/// notation, with array indexes; no wildcards or filters (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html).
/// </summary>
public sealed partial class JsonPathExpression
{
    private readonly IReadOnlyList<object> _steps; // string: a name; int: an array index

    private JsonPathExpression(string text, IReadOnlyList<object> steps) => (Text, _steps) = (text, steps);

    public string Text { get; }

    public static JsonPathExpression Parse(string text)
    {
        var path = text.Trim();
        if (!path.StartsWith('$'))
            throw new RedshiftErrorException("XX000", $"Invalid JSONPath format: '{text}' does not start with $");
        var steps = new List<object>();
        var rest = path[1..];
        while (rest.Length > 0)
        {
            var match = Step().Match(rest);
            if (!match.Success)
                throw new RedshiftErrorException("XX000", $"Invalid JSONPath format: '{text}' (only names and array indexes, no wildcards or filters)");
            steps.Add(match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : match.Groups["dot"].Success ? match.Groups["dot"].Value
                : Regex.Unescape(match.Groups["quoted"].Value));
            rest = rest[match.Length..];
        }
        return new JsonPathExpression(text, steps);
    }

    /// <summary>The element the path names in <paramref name="root"/>, or null where there is none (the column loads NULL).</summary>
    public JsonElement? Find(JsonElement root)
    {
        var at = root;
        foreach (var step in _steps)
        {
            if (step is string name && at.ValueKind == JsonValueKind.Object && at.TryGetProperty(name, out var child))
                at = child;
            else if (step is int index && at.ValueKind == JsonValueKind.Array && index < at.GetArrayLength())
                at = at[index];
            else
                return null;
        }
        return at;
    }

    [GeneratedRegex("""^(?:\.(?<dot>[A-Za-z_][A-Za-z0-9_]*)|\[\s*(?:'(?<quoted>(?:[^'\\]|\\.)*)'|"(?<quoted>(?:[^"\\]|\\.)*)"|(?<index>\d+))\s*\])""")]
    private static partial Regex Step();
}
