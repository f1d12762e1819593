using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>
/// The JSONPaths file of a staging table's COPY: one path per column the COPY lists, in that order, each naming the JSON key
/// the column is read from, so Redshift reads exactly what the PostgreSQL parser reads.
/// </summary>
/// <remarks>
/// COPY maps JSONPaths to the listed columns by position, and FORMAT AS JSON 'auto' would match keys to column names
/// case-sensitively, loading <c>userId</c> into nothing (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html#copy-json):
/// the column order and the JSON keys are the contract, and both come from <see cref="StagingTable"/>, which a test holds to the EF model.
/// </remarks>
public static partial class RedshiftJsonPaths
{
    /// <summary>The JSONPaths file for <paramref name="table"/>, in bracket notation (any key is valid in it).</summary>
    public static string Document(StagingTable table)
    {
        var text = new StringBuilder("{\n  \"jsonpaths\": [\n");
        for (var i = 0; i < table.Columns.Count; i++)
            text.Append("    ").Append(JsonSerializer.Serialize(Path(table.Columns[i]))).Append(i + 1 < table.Columns.Count ? ",\n" : "\n");
        return text.Append("  ]\n}\n").ToString();
    }

    /// <summary>The path that reads <paramref name="column"/>: <c>$['key']</c>.</summary>
    public static string Path(StagingColumn column) => $"$['{column.JsonKey.Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>Where a JSONPaths file (its text) differs from what <paramref name="table"/>'s COPY needs, in one sentence; null when it agrees.</summary>
    public static string? Difference(string json, StagingTable table)
    {
        List<string?> paths;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("jsonpaths", out var array)
                || array.ValueKind != JsonValueKind.Array)
                return "it is not a JSONPaths file: it has no \"jsonpaths\" array.";
            paths = [.. array.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : null)];
        }
        catch (JsonException e)
        {
            return $"it is not valid JSON ({e.Message})";
        }
        for (var i = 0; i < Math.Max(paths.Count, table.Columns.Count); i++)
        {
            if (i >= paths.Count)
                return $"it has {paths.Count} paths; {table.Name}'s COPY lists {table.Columns.Count} columns, and column {i + 1}, " +
                       $"{table.Columns[i].Name}, needs {Path(table.Columns[i])}.";
            if (i >= table.Columns.Count)
                return $"it has {paths.Count} paths; {table.Name}'s COPY lists {table.Columns.Count} columns, so path {i + 1}, {paths[i]}, has none.";
            if (Key(paths[i]) != table.Columns[i].JsonKey)
                return $"path {i + 1} is {paths[i] ?? "not a string"}, where column {i + 1} of {table.Name}'s COPY, {table.Columns[i].Name}, " +
                       $"is read from {Path(table.Columns[i])} (COPY maps JSONPaths to columns by position).";
        }
        return null;
    }

    /// <summary>The one key a path reads, in bracket or dot notation (<c>$['userId']</c>, <c>$["userId"]</c>, <c>$.userId</c>); null for any other path.</summary>
    private static string? Key(string? path)
    {
        if (path is null)
            return null;
        var match = OneKey().Match(path.Trim());
        return !match.Success ? null
            : match.Groups["dot"].Success ? match.Groups["dot"].Value
            : match.Groups["quoted"].Value.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);
    }

    [GeneratedRegex("""^\$(?:\.(?<dot>[A-Za-z_][A-Za-z0-9_]*)|\[\s*(?:'(?<quoted>(?:[^'\\]|\\.)*)'|"(?<quoted>(?:[^"\\]|\\.)*)")\s*\])$""")]
    private static partial Regex OneKey();
}
