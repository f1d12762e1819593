using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>One root-level JSON value of a source file, with the line it ends on, or what is wrong with it.</summary>
/// <param name="Line">"When loading from JSON, the line number of the last line of the JSON object with the error"
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html); the stand-in numbers every record so.</param>
public sealed record JsonSourceRecord(long Line, byte[] Raw, JsonElement? Value, RedshiftLoadFault? Fault);

/// <summary>A record COPY could not load: its error code from the load error reference, and the reason.</summary>
/// <remarks>https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html</remarks>
public sealed record RedshiftLoadFault(int Code, string Reason, string Column = "", string RawFieldValue = "");

/// <summary>
/// The records of a JSON source file as COPY reads them: "a set of either objects or arrays", each "a stand-alone, root-level
/// structure", separated by whitespace (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html).
/// </summary>
/// <remarks>
/// What Redshift does after a malformed object is not documented; the stand-in reports it (error 1216, "Input line is not valid")
/// and goes on at the next line, which is where the loader's own NDJSON reader goes on too.
/// </remarks>
public static class JsonSourceRecords
{
    public static IEnumerable<JsonSourceRecord> Read(byte[] content)
    {
        var lines = LineStarts(content);
        var at = content.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        while (true)
        {
            at = SkipWhitespace(content, at);
            if (at >= content.Length)
                yield break;
            var (end, fault) = ValueEnd(content, at);
            var raw = content[at..end];
            var line = LineOf(lines, Math.Max(at, end - 1));
            if (fault is not null)
                yield return new JsonSourceRecord(line, raw, null, fault);
            else if (!Utf8.IsValid(raw))
                yield return new JsonSourceRecord(line, raw, null, new RedshiftLoadFault(1220, "String contains invalid or unsupported UTF8 codepoints."));
            else
            {
                using var document = JsonDocument.Parse(raw);
                yield return new JsonSourceRecord(line, raw, document.RootElement.Clone(), null);
            }
            at = end;
        }
    }

    /// <summary>Where the value starting at <paramref name="start"/> ends; for a malformed one, the end of the line its fault is on.</summary>
    private static (int End, RedshiftLoadFault? Fault) ValueEnd(byte[] content, int start)
    {
        var reader = new Utf8JsonReader(content.AsSpan(start), new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            if (!reader.Read())
                return (content.Length, Invalid("no JSON value"));
            if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                return (LineEnd(content, start), Invalid("a root-level value must be an object or an array"));
            reader.Skip();
            return (start + (int)reader.BytesConsumed, null);
        }
        catch (JsonException e)
        {
            return (LineEnd(content, start + (int)Math.Min(reader.BytesConsumed, content.Length - start - 1)), Invalid(e.Message));
        }
    }

    private static RedshiftLoadFault Invalid(string why) => new(1216, $"Invalid JSON: {why}");

    private static int LineEnd(byte[] content, int from)
    {
        var newline = Array.IndexOf(content, (byte)'\n', from);
        return newline < 0 ? content.Length : newline + 1;
    }

    private static int SkipWhitespace(byte[] content, int at)
    {
        while (at < content.Length && content[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            at++;
        return at;
    }

    private static List<int> LineStarts(byte[] content)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < content.Length; i++)
            if (content[i] == (byte)'\n')
                starts.Add(i + 1);
        return starts;
    }

    /// <summary>The 1-based line of byte <paramref name="offset"/>.</summary>
    private static long LineOf(List<int> starts, int offset)
    {
        var index = starts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    /// <summary>The record as stl_load_errors' raw_line keeps it: "multibyte characters in the load data are replaced with a period",
    /// cut to 1,024 bytes.</summary>
    public static string RawLine(byte[] raw)
    {
        var text = new StringBuilder();
        foreach (var rune in Encoding.UTF8.GetString(raw).EnumerateRunes())
        {
            if (text.Length >= 1024)
                break;
            text.Append(rune.Utf8SequenceLength > 1 ? '.' : (char)rune.Value);
        }
        return text.ToString();
    }
}
