using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Sparkify.Loader.Staging;

/// <summary>
/// Staging rows encoded in PostgreSQL's binary COPY format, ready to be sent as they are: the parser
/// threads do the encoding, so the connection's writer only moves bytes.
/// </summary>
/// <remarks>
/// The format (PostgreSQL docs, "COPY … Binary Format"): a header, then per row a 16-bit field count and,
/// per field, a 32-bit length (-1 for NULL) and the value in network byte order: varchar as its UTF-8
/// bytes, integer, bigint and double precision as 4 or 8 big-endian bytes. Each row ends with the run
/// that staged it and the file it came from (<see cref="StagingTable.BookkeepingColumns"/>). The buffer is pooled and must be given back
/// with <see cref="Dispose"/>.
/// </remarks>
internal sealed class BinaryCopyRows : IDisposable
{
    /// <summary>"PGCOPY\n\377\r\n\0", then no flags and no header extension.</summary>
    public static ReadOnlyMemory<byte> Header { get; } =
        new byte[] { (byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0 }
            .Concat(new byte[8]).ToArray();

    /// <summary>A field count of -1 ends the data.</summary>
    public static ReadOnlyMemory<byte> Trailer { get; } = new byte[] { 0xFF, 0xFF };

    private byte[] _buffer;
    private readonly long _runId;

    public BinaryCopyRows(int capacity, long runId)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _runId = runId;
    }

    /// <summary>Bytes encoded so far.</summary>
    public int Length { get; private set; }

    public int Count { get; private set; }

    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, Length);

    /// <summary>Appends <paramref name="record"/> as one row: its columns in table order, then the run that staged it and its file's number.</summary>
    // Compiled optimised at its first call, not after tiering: a day's one file is parsed before tiering reaches it (docs/design.md, Start-up).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(StagingRecord record, int fileNumber)
    {
        var columns = record.Table.Columns;
        var span = Reserve(2 + (columns.Count + 2) * 12 + record.TextBytes);
        BinaryPrimitives.WriteInt16BigEndian(span, (short)(columns.Count + 2));
        var at = 2;
        for (var i = 0; i < columns.Count; i++)
        {
            if (record.IsNull(i))
            {
                BinaryPrimitives.WriteInt32BigEndian(span[at..], -1);
                at += 4;
                continue;
            }
            switch (columns[i].Kind)
            {
                case ColumnKind.Text:
                    var text = record.Text(i);
                    BinaryPrimitives.WriteInt32BigEndian(span[at..], text.Length);
                    text.CopyTo(span[(at + 4)..]);
                    at += 4 + text.Length;
                    break;
                case ColumnKind.Integer:
                    BinaryPrimitives.WriteInt32BigEndian(span[at..], 4);
                    BinaryPrimitives.WriteInt32BigEndian(span[(at + 4)..], (int)record.Integer(i));
                    at += 8;
                    break;
                case ColumnKind.BigInt:
                    BinaryPrimitives.WriteInt32BigEndian(span[at..], 8);
                    BinaryPrimitives.WriteInt64BigEndian(span[(at + 4)..], record.Integer(i));
                    at += 12;
                    break;
                case ColumnKind.Double:
                    BinaryPrimitives.WriteInt32BigEndian(span[at..], 8);
                    BinaryPrimitives.WriteDoubleBigEndian(span[(at + 4)..], record.Double(i));
                    at += 12;
                    break;
                default:
                    // Writing nothing would shift every later field into the wrong column of a row COPY still accepts.
                    throw new NotSupportedException($"{record.Table.Name}.{columns[i].Name}: no binary COPY encoding for column kind {columns[i].Kind}.");
            }
        }
        BinaryPrimitives.WriteInt32BigEndian(span[at..], 8);
        BinaryPrimitives.WriteInt64BigEndian(span[(at + 4)..], _runId);
        at += 12;
        BinaryPrimitives.WriteInt32BigEndian(span[at..], 4);
        BinaryPrimitives.WriteInt32BigEndian(span[(at + 4)..], fileNumber);
        at += 8;
        Length += at;
        Count++;
    }

    /// <summary>Forgets everything after the first <paramref name="length"/> bytes and <paramref name="rows"/> rows (a file to be read again).</summary>
    public void Truncate(int length, int rows)
    {
        Length = length;
        Count = rows;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - Length < bytes)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + bytes));
            _buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsSpan(Length, bytes);
    }
}
