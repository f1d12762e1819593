using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>Turns one JSON object into one staging row: a value (or null) per column of the table.</summary>
/// <remarks>
/// JSON nulls and missing optional keys become NULL, unknown keys are ignored, like Redshift's COPY. A
/// missing required key, a value of the wrong type, text longer than its column (in UTF-8 bytes), invalid UTF-8 or a NUL
/// character (which PostgreSQL would refuse, failing the whole COPY) is an <see cref="InputException"/>
/// naming the key, and so is an event time outside <paramref name="eventTimes"/>, a number beyond a double's range, and a
/// value that breaks the model's <see cref="ValueRules"/>. Text stays UTF-8 from file to
/// database: nothing is decoded to .NET strings.
/// </remarks>
public sealed class RecordParser(StagingTable table, EventTimeWindow? eventTimes = null)
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };
    private readonly ValueRules _rules = new(table);

    public StagingTable Table { get; } = table;

    /// <summary>Parses <paramref name="json"/> into <paramref name="record"/>, which it empties first.</summary>
    // Compiled optimised at its first call, not after tiering: a day's one file is parsed before tiering reaches it (docs/design.md, Start-up).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Parse(ReadOnlySpan<byte> json, string file, long line, StagingRecord record)
    {
        record.Clear();
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
                ReadValue(ref reader, column, record, file, line);
                seen |= 1UL << column;
            }
            // A record is one object: anything after it (a second object on the same line of a log) would be dropped without a word.
            if (json[(int)reader.BytesConsumed..].TrimStart(" \t\r\n"u8).Length > 0)
                throw new InputException(file, line, "more than one JSON value: a record is one object (one per line in an event log).");
            for (var i = 0; i < Table.Columns.Count; i++)
                if (Table.Columns[i].Required && (seen & (1UL << i)) == 0)
                    throw new InputException(file, line, $"the record has no \"{Table.Columns[i].JsonKey}\" key, which {Table.Name} needs.");
            _rules.Judge(record, file, line);
        }
        catch (JsonException e)
        {
            throw new InputException(file, line + (e.LineNumber ?? 0), $"malformed JSON: {FirstSentence(e.Message)}");
        }
    }

    /// <summary>The column of the property under the reader, or -1.</summary>
    /// <remarks>
    /// Keys usually come in column order (the logs' keys are sorted, like the columns), so the search
    /// starts just after the previous match: one comparison per key instead of up to eighteen.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadValue(ref Utf8JsonReader reader, int index, StagingRecord record, string file, long line)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return;

        var column = Table.Columns[index];
        switch (column.Kind)
        {
            case ColumnKind.Text when reader.TokenType == JsonTokenType.String:
                ReadText(ref reader, index, record, file, line);
                return;
            // Song titles and names are sometimes bare numbers; keep the literal, as COPY would.
            case ColumnKind.Text when reader.TokenType == JsonTokenType.Number && column.NumbersAsText:
                reader.ValueSpan.CopyTo(record.TextBuffer(reader.ValueSpan.Length));
                record.CommitText(index, reader.ValueSpan.Length);
                return;
            case ColumnKind.Integer when reader.TokenType == JsonTokenType.Number:
                record.SetInteger(index, reader.TryGetInt32(out var i) ? i : throw WrongType(ref reader, column, file, line, "a whole number (32-bit)"));
                return;
            case ColumnKind.BigInt when reader.TokenType == JsonTokenType.Number:
                var value = reader.TryGetInt64(out var l) ? l : throw WrongType(ref reader, column, file, line, "a whole number (64-bit)");
                if (column.IsEventTime && eventTimes is { } window && !window.Contains(value))
                    throw new InputException(file, line, $"\"{column.JsonKey}\" is {value} ({Describe(value)}), outside the plausible event times, " +
                        $"{window}; if it is right, widen them with [S3] EARLIEST_EVENT and LATEST_EVENT.");
                record.SetInteger(index, value);
                return;
            case ColumnKind.Double when reader.TokenType == JsonTokenType.Number:
                // A literal beyond a double's range (1e400) would be stored as Infinity, which no song lasts.
                record.SetDouble(index, reader.TryGetDouble(out var d) && double.IsFinite(d) ? d
                    : throw WrongType(ref reader, column, file, line, "a finite number (a double's range)"));
                return;
            default:
                throw WrongType(ref reader, column, file, line, column.Kind switch
                {
                    ColumnKind.Text => "text",
                    ColumnKind.Double => "a number",
                    _ => "a whole number",
                });
        }
    }

    /// <summary>A JSON string as UTF-8, unescaped and checked as the database would check it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadText(ref Utf8JsonReader reader, int index, StagingRecord record, string file, long line)
    {
        var column = Table.Columns[index];
        // Unescaping never lengthens a string: the raw span's length is room enough.
        var target = record.TextBuffer(reader.ValueSpan.Length);
        int length;
        if (reader.ValueIsEscaped)
        {
            try
            {
                length = reader.CopyString(target);
            }
            catch (InvalidOperationException)
            {
                throw new InputException(file, line, $"\"{column.JsonKey}\" holds an escape that is not valid Unicode (a lone surrogate?).");
            }
            // PostgreSQL text cannot hold a NUL character; only an escape (\u0000) can put one in a JSON string.
            if (target[..length].Contains((byte)0))
                throw new InputException(file, line, $"\"{column.JsonKey}\" holds a NUL character (\\u0000), which a text column cannot store.");
        }
        else
        {
            reader.ValueSpan.CopyTo(target);
            length = reader.ValueSpan.Length;
        }
        var text = target[..length];
        if (!Utf8.IsValid(text))
            throw new InputException(file, line, $"\"{column.JsonKey}\" holds invalid UTF-8.");
        // Redshift's varchar(n) holds n bytes, PostgreSQL's n characters: judged in bytes, what loads here loads on Redshift too.
        // https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html
        if (length > column.MaxLength)
            throw new InputException(file, line, $"\"{column.JsonKey}\" is {length} bytes long in UTF-8; column {column.Name} holds at most " +
                $"{column.MaxLength} (bytes, as Redshift counts them).");
        record.CommitText(index, length);
    }

    private static InputException WrongType(ref Utf8JsonReader reader, StagingColumn column, string file, long line, string expected)
    {
        var found = reader.TokenType switch
        {
            // The raw literal, escapes and all: decoding could itself fail on bad input.
            JsonTokenType.String => $"the string \"{Shorten(Encoding.UTF8.GetString(reader.ValueSpan))}\"",
            JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => reader.TokenType.ToString(),
        };
        return new InputException(file, line, $"\"{column.JsonKey}\" should be {expected}, found {found}.");
    }

    /// <summary>Epoch milliseconds as a UTC time, or what is wrong with them.</summary>
    private static string Describe(long epochMilliseconds) =>
        epochMilliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && epochMilliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)
            : "beyond any calendar";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
