using System.Buffers;

namespace Sparkify.Loader.Staging;

/// <summary>A callback that receives one JSON object's bytes and the line it starts on.</summary>
public delegate void JsonRecordHandler(ReadOnlySpan<byte> json, long line);

/// <summary>
/// Cuts a stream of JSON into records without parsing them: by line for newline-delimited files
/// (<see cref="SplitLines"/>), or by top-level object for files that may be concatenated,
/// pretty-printed, or wrapped in one array (<see cref="Split"/>).
/// </summary>
/// <remarks>
/// Reading is streaming: the buffer holds at most one object plus one read, so memory does not
/// grow with the file. Counting lines here is what lets every error name the line at fault.
/// </remarks>
public static class JsonRecordSplitter
{
    private const int ReadSize = 64 * 1024;

    /// <summary>
    /// One record per non-blank line, as in the event logs. A bad line is only that line: the next one
    /// starts afresh, so a run with --max-errors loses nothing else.
    /// </summary>
    /// <param name="onBadLine">Receives a line that is not one whole JSON object; when null, such a line throws.</param>
    public static void SplitLines(Stream input, string fileName, JsonRecordHandler onRecord, Action<InputException>? onBadLine = null)
    {
        // Pooled: a fresh 128 KB buffer per file would land on the large-object heap for each of thousands of song files.
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        try
        {
            SplitLines(input, fileName, onRecord, onBadLine, ref buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void SplitLines(Stream input, string fileName, JsonRecordHandler onRecord, Action<InputException>? onBadLine, ref byte[] buffer)
    {
        int filled = 0, lineStart = 0;
        long line = 1;
        var first = true;

        while (true)
        {
            if (buffer.Length - filled < ReadSize)
            {
                var kept = filled - lineStart;
                var target = kept + ReadSize > buffer.Length ? ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, kept + ReadSize)) : buffer;
                Buffer.BlockCopy(buffer, lineStart, target, 0, kept);
                if (!ReferenceEquals(target, buffer))
                    ArrayPool<byte>.Shared.Return(buffer);
                buffer = target;
                filled = kept;
                lineStart = 0;
            }
            var scanFrom = filled;
            var read = input.Read(buffer, filled, buffer.Length - filled);
            if (first)
            {
                first = false;
                if (read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    lineStart = scanFrom = 3; // a UTF-8 byte order mark
            }
            if (read == 0)
                break;
            filled += read;

            int newline;
            while ((newline = buffer.AsSpan(scanFrom, filled - scanFrom).IndexOf((byte)'\n')) >= 0)
            {
                var end = scanFrom + newline;
                EmitLine(buffer.AsSpan(lineStart, end - lineStart), line++, fileName, lastLine: false, onRecord, onBadLine);
                lineStart = scanFrom = end + 1;
            }
        }
        EmitLine(buffer.AsSpan(lineStart, filled - lineStart), line, fileName, lastLine: true, onRecord, onBadLine);
    }

    private static void EmitLine(ReadOnlySpan<byte> text, long line, string fileName, bool lastLine, JsonRecordHandler onRecord,
        Action<InputException>? onBadLine)
    {
        var record = text.Trim(" \t\r"u8);
        if (record.IsEmpty)
            return;
        // A line that ends in '}' goes straight to the parser, which rejects it if it is not one whole object:
        // scanning every line for balanced braces here took a quarter of the time spent splitting and parsing logs.
        var problem = record[0] != (byte)'{' ? $"expected a JSON object, found '{Describe(record[0])}'."
            : record[^1] != (byte)'}' && !IsBalanced(record) ? lastLine ? "the file ends inside this JSON object (truncated file?)." : "the line ends inside its JSON object (a truncated record?)."
            : null;
        if (problem is null)
            onRecord(record, line);
        else if (onBadLine is null)
            throw new InputException(fileName, line, problem, Shorten(record));
        else
            onBadLine(new InputException(fileName, line, problem, Shorten(record)));
    }

    /// <summary>Whether every brace and bracket outside strings is closed by the end of the record.</summary>
    private static bool IsBalanced(ReadOnlySpan<byte> record)
    {
        int depth = 0;
        bool inString = false, escaped = false;
        foreach (var b in record)
        {
            if (inString)
            {
                if (escaped) escaped = false;
                else if (b == (byte)'\\') escaped = true;
                else if (b == (byte)'"') inString = false;
            }
            else if (b == (byte)'"') inString = true;
            else if (b is (byte)'{' or (byte)'[') depth++;
            else if (b is (byte)'}' or (byte)']') depth--;
        }
        return depth == 0 && !inString;
    }

    private static string Shorten(ReadOnlySpan<byte> record) =>
        System.Text.Encoding.UTF8.GetString(record[..Math.Min(record.Length, 4000)]);

    public static void Split(Stream input, string fileName, JsonRecordHandler onRecord)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        try
        {
            Split(input, fileName, onRecord, ref buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Split(Stream input, string fileName, JsonRecordHandler onRecord, ref byte[] buffer)
    {
        int filled = 0, scanned = 0, objectStart = -1;
        long line = 1, objectLine = 0;
        int depth = 0;
        bool inString = false, escaped = false, inArray = false, first = true;

        while (true)
        {
            if (buffer.Length - filled < ReadSize)
            {
                // Keep only the unfinished object; grow when one object outgrows the buffer.
                var keepFrom = objectStart >= 0 ? objectStart : scanned;
                var kept = filled - keepFrom;
                var target = kept + ReadSize > buffer.Length ? ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, kept + ReadSize)) : buffer;
                Buffer.BlockCopy(buffer, keepFrom, target, 0, kept);
                if (!ReferenceEquals(target, buffer))
                    ArrayPool<byte>.Shared.Return(buffer);
                buffer = target;
                filled = kept;
                scanned -= keepFrom;
                if (objectStart >= 0)
                    objectStart = 0;
            }

            var read = input.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
                break;
            filled += read;

            if (first)
            {
                first = false;
                if (filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    scanned = 3; // a UTF-8 byte order mark
            }

            for (; scanned < filled; scanned++)
            {
                var b = buffer[scanned];
                if (b == (byte)'\n')
                    line++;

                if (depth > 0)
                {
                    if (inString)
                    {
                        if (escaped) escaped = false;
                        else if (b == (byte)'\\') escaped = true;
                        else if (b == (byte)'"') inString = false;
                        continue;
                    }
                    switch (b)
                    {
                        case (byte)'"': inString = true; break;
                        case (byte)'{' or (byte)'[': depth++; break;
                        case (byte)'}' or (byte)']':
                            if (--depth == 0)
                            {
                                onRecord(buffer.AsSpan(objectStart, scanned + 1 - objectStart), objectLine);
                                objectStart = -1;
                            }
                            break;
                    }
                    continue;
                }

                switch (b)
                {
                    case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                        break;
                    case (byte)'{':
                        depth = 1;
                        objectStart = scanned;
                        objectLine = line;
                        break;
                    case (byte)'[' when !inArray:
                        inArray = true;
                        break;
                    case (byte)',' when inArray:
                        break;
                    case (byte)']' when inArray:
                        inArray = false;
                        break;
                    default:
                        throw new InputException(fileName, line, $"expected a JSON object, found '{Describe(b)}'.");
                }
            }
        }

        if (depth > 0)
            throw new InputException(fileName, objectLine, "the file ends inside this JSON object (truncated file?).");
        if (inArray)
            throw new InputException(fileName, line, "the file ends inside a JSON array (truncated file?).");
    }

    private static string Describe(byte b) => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"byte 0x{b:X2}";
}
