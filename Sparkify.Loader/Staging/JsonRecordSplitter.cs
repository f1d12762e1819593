using System.Buffers;
using System.Runtime.CompilerServices;
using Sparkify.Loader.Staging.Sources;

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
    public static void SplitLines(Stream input, string fileName, JsonRecordHandler onRecord, Action<InputException>? onBadLine = null) =>
        WithBuffer((ref byte[] buffer) => SplitLines(input, fileName, onRecord, onBadLine, ref buffer));

    private delegate void BufferUser(ref byte[] buffer);

    /// <summary>Lends <paramref name="use"/> a pooled buffer, which it may swap for a bigger one, and returns whichever it ends with.</summary>
    private static void WithBuffer(BufferUser use)
    {
        // Pooled: a fresh 128 KB buffer per file would land on the large-object heap for each of thousands of song files.
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        try
        {
            use(ref buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Makes room for the next read: moves what is still needed (from <paramref name="keepFrom"/> to <paramref name="filled"/>)
    /// to the buffer's start, in a bigger pooled buffer when one record has outgrown it; returns how many bytes were kept.
    /// </summary>
    private static int Compact(ref byte[] buffer, int keepFrom, int filled)
    {
        var kept = filled - keepFrom;
        var target = kept + ReadSize > buffer.Length ? ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, kept + ReadSize)) : buffer;
        Buffer.BlockCopy(buffer, keepFrom, target, 0, kept);
        if (!ReferenceEquals(target, buffer))
            ArrayPool<byte>.Shared.Return(buffer);
        buffer = target;
        return kept;
    }

    /// <summary>Where a JSON text starts after a UTF-8 byte order mark, if it has one.</summary>
    private static int AfterByteOrderMark(ReadOnlySpan<byte> start) => start.StartsWith("\uFEFF"u8) ? 3 : 0;

    // Compiled optimised at its first call, not after tiering: a day's one file is parsed before tiering reaches it (docs/design.md, Start-up).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SplitLines(Stream input, string fileName, JsonRecordHandler onRecord, Action<InputException>? onBadLine, ref byte[] buffer)
    {
        int filled = 0, lineStart = 0;
        long line = 1;
        var first = true;

        while (true)
        {
            if (buffer.Length - filled < ReadSize)
            {
                filled = Compact(ref buffer, lineStart, filled);
                lineStart = 0;
            }
            var scanFrom = filled;
            var read = input.Read(buffer, filled, buffer.Length - filled);
            if (first)
            {
                first = false;
                lineStart = scanFrom = AfterByteOrderMark(buffer.AsSpan(0, read));
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsBalanced(ReadOnlySpan<byte> record)
    {
        var depth = 0;
        var text = new JsonStringScanner();
        foreach (var b in record)
        {
            if (text.Consumes(b))
                continue;
            if (b is (byte)'{' or (byte)'[') depth++;
            else if (b is (byte)'}' or (byte)']') depth--;
        }
        return depth == 0 && !text.InString;
    }

    /// <summary>Follows JSON strings byte by byte, so that braces inside them are not taken for structure.</summary>
    private struct JsonStringScanner
    {
        private bool _escaped;

        public bool InString { get; private set; }

        /// <summary>Whether <paramref name="b"/> belongs to a string (its opening quote included): not structure.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Consumes(byte b)
        {
            if (InString)
            {
                if (_escaped) _escaped = false;
                else if (b == (byte)'\\') _escaped = true;
                else if (b == (byte)'"') InString = false;
                return true;
            }
            return InString = b == (byte)'"';
        }
    }

    private static string Shorten(ReadOnlySpan<byte> record) =>
        System.Text.Encoding.UTF8.GetString(record[..Math.Min(record.Length, 4000)]);

    public static void Split(Stream input, string fileName, JsonRecordHandler onRecord) =>
        WithBuffer((ref byte[] buffer) => Split(input, fileName, onRecord, ref buffer));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Split(Stream input, string fileName, JsonRecordHandler onRecord, ref byte[] buffer)
    {
        int filled = 0, scanned = 0, objectStart = -1;
        long line = 1, objectLine = 0;
        int depth = 0;
        bool inArray = false, first = true;
        var text = new JsonStringScanner();

        while (true)
        {
            if (buffer.Length - filled < ReadSize)
            {
                // Keep only the unfinished object.
                var keepFrom = objectStart >= 0 ? objectStart : scanned;
                filled = Compact(ref buffer, keepFrom, filled);
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
                scanned = AfterByteOrderMark(buffer.AsSpan(0, filled));
            }

            for (; scanned < filled; scanned++)
            {
                var b = buffer[scanned];
                if (b == (byte)'\n')
                    line++;

                if (depth > 0)
                {
                    if (text.Consumes(b))
                        continue;
                    switch (b)
                    {
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
