using System.Globalization;
using System.Text;

namespace Sparkify.Loader.Staging;

/// <summary>One parsed record: a value or null per column of its staging table, text kept as UTF-8 bytes.</summary>
/// <remarks>
/// A parser fills the same instance record after record, so parsing allocates nothing per row: text is
/// copied into one reusable buffer and numbers sit in a slot each, with no boxing and no UTF-16 strings.
/// </remarks>
public sealed class StagingRecord
{
    private readonly long[] _numbers; // int and bigint as themselves, double as its bits
    private readonly int[] _textStart;
    private readonly int[] _textLength;
    private readonly bool[] _present;
    private byte[] _text = new byte[1024];
    private int _textUsed;

    public StagingRecord(StagingTable table)
    {
        Table = table;
        var columns = table.Columns.Count;
        _numbers = new long[columns];
        _textStart = new int[columns];
        _textLength = new int[columns];
        _present = new bool[columns];
    }

    public StagingTable Table { get; }

    /// <summary>Empties every column (all null), ready for the next record.</summary>
    public void Clear()
    {
        Array.Clear(_present);
        _textUsed = 0;
    }

    public bool IsNull(int column) => !_present[column];

    /// <summary>The bytes of all the record's text values together (at least).</summary>
    public int TextBytes => _textUsed;

    public ReadOnlySpan<byte> Text(int column) => _text.AsSpan(_textStart[column], _textLength[column]);

    public long Integer(int column) => _numbers[column];

    public double Double(int column) => BitConverter.Int64BitsToDouble(_numbers[column]);

    /// <summary>Room for up to <paramref name="maxLength"/> bytes of text; <see cref="CommitText"/> then says which column and how much was written.</summary>
    internal Span<byte> TextBuffer(int maxLength)
    {
        if (_text.Length - _textUsed < maxLength)
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textUsed + maxLength));
        return _text.AsSpan(_textUsed, maxLength);
    }

    internal void CommitText(int column, int length)
    {
        _textStart[column] = _textUsed;
        _textLength[column] = length;
        _textUsed += length;
        _present[column] = true;
    }

    internal void SetInteger(int column, long value)
    {
        _numbers[column] = value;
        _present[column] = true;
    }

    internal void SetDouble(int column, double value)
    {
        _numbers[column] = BitConverter.DoubleToInt64Bits(value);
        _present[column] = true;
    }

    /// <summary>The value as a .NET object (string, int, long, double or null): for CSV export and tests, not for the hot path.</summary>
    public object? Value(int column)
    {
        if (IsNull(column))
            return null;
        return Table.Columns[column].Kind switch
        {
            ColumnKind.Text => Encoding.UTF8.GetString(Text(column)),
            ColumnKind.Integer => (int)Integer(column),
            ColumnKind.BigInt => Integer(column),
            ColumnKind.Double => Double(column),
            var kind => throw new InvalidOperationException($"unknown column kind {kind}"),
        };
    }

    /// <summary>The value as PostgreSQL's text input would read it, or null: for CSV export.</summary>
    public string? ValueText(int column) => Value(column) switch
    {
        null => null,
        string text => text,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}
