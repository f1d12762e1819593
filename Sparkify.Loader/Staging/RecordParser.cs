using System.Text;
using System.Text.Json;

namespace Sparkify.Loader.Staging;

/// <summary>Turns one JSON object into one staging row: a value (or null) per column of the table.</summary>
/// <remarks>
/// JSON nulls and missing optional keys become NULL, unknown keys are ignored, like Redshift's COPY. A
/// missing required key, a value of the wrong type, or text longer than its column is an
/// <see cref="InputException"/> naming the key.
/// </remarks>
public sealed class RecordParser(StagingTable table)
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };

    public StagingTable Table { get; } = table;

    /// <summary>Parses <paramref name="json"/> into <paramref name="row"/>, which has one slot per column.</summary>
    public void Parse(ReadOnlySpan<byte> json, string file, long line, object?[] row)
    {
        Array.Clear(row);
        var seen = 0UL; // one bit per column: which keys the record has
        var next = 0;
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            reader.Read(); // the splitter guarantees a '{'
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var column = FindColumn(ref reader, ref next);
                reader.Read();
                if (column < 0)
                {
                    reader.Skip();
                    continue;
                }
                row[column] = ReadValue(ref reader, Table.Columns[column], file, line);
                seen |= 1UL << column;
            }
            for (var i = 0; i < Table.Columns.Count; i++)
                if (Table.Columns[i].Required && (seen & (1UL << i)) == 0)
                    throw new InputException(file, line, $"the record has no \"{Table.Columns[i].JsonKey}\" key, which {Table.Name} needs.");
        }
        catch (JsonException e)
        {
            throw new InputException(file, line + (e.LineNumber ?? 0), $"malformed JSON: {FirstSentence(e.Message)}");
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException || e.Message.Contains("UTF-8", StringComparison.Ordinal))
        {
            throw new InputException(file, line, "invalid UTF-8 in a text value.");
        }
    }

    /// <summary>The column of the property under the reader, or -1.</summary>
    /// <remarks>
    /// Keys usually come in column order (the logs' keys are sorted, like the columns), so the search
    /// starts just after the previous match: one comparison per key instead of up to eighteen.
    /// </remarks>
    private int FindColumn(ref Utf8JsonReader reader, ref int next)
    {
        var columns = Table.Columns;
        for (var tried = 0; tried < columns.Count; tried++)
        {
            var i = (next + tried) % columns.Count;
            if (reader.ValueTextEquals(columns[i].JsonKeyUtf8))
            {
                next = i + 1;
                return i;
            }
        }
        return -1;
    }

    private static object? ReadValue(ref Utf8JsonReader reader, StagingColumn column, string file, long line)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;

        switch (column.Kind)
        {
            case ColumnKind.Text:
            {
                var text = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString()!,
                    // Song titles and names are sometimes bare numbers; keep the literal, as COPY would.
                    JsonTokenType.Number when column.NumbersAsText => Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => throw WrongType(ref reader, column, file, line, "text"),
                };
                if (text.Length > column.MaxLength)
                    throw new InputException(file, line,
                        $"\"{column.JsonKey}\" is {text.Length} characters long; column {column.Name} holds at most {column.MaxLength}.");
                return text;
            }
            case ColumnKind.Integer when reader.TokenType == JsonTokenType.Number:
                return reader.TryGetInt32(out var i) ? i : throw WrongType(ref reader, column, file, line, "a whole number (32-bit)");
            case ColumnKind.BigInt when reader.TokenType == JsonTokenType.Number:
                return reader.TryGetInt64(out var l) ? l : throw WrongType(ref reader, column, file, line, "a whole number (64-bit)");
            case ColumnKind.Double when reader.TokenType == JsonTokenType.Number:
                return reader.GetDouble();
            default:
                throw WrongType(ref reader, column, file, line, column.Kind == ColumnKind.Double ? "a number" : "a whole number");
        }
    }

    private static InputException WrongType(ref Utf8JsonReader reader, StagingColumn column, string file, long line, string expected)
    {
        var found = reader.TokenType switch
        {
            JsonTokenType.String => $"the string \"{Shorten(reader.GetString()!)}\"",
            JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => reader.TokenType.ToString(),
        };
        return new InputException(file, line, $"\"{column.JsonKey}\" should be {expected}, found {found}.");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
