using System.Runtime.CompilerServices;
using System.Text;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>
/// What a parsed record's values must be for the transforms to cast, compare and key on them safely, as the EF model's staging
/// annotations state (identifiers, whole-number text, accepted values, values a kind of record requires). A record that breaks one
/// is bad input, named by file and line, so <c>--max-errors</c> can skip it instead of a transform or data check failing later.
/// </summary>
/// <remarks>
/// The same rules run on Redshift as one set-based query after its COPYs (<see cref="Redshift.RedshiftValueRules"/>). Judged on the
/// UTF-8 bytes the parser kept: nothing is decoded, and a record that passes costs a few comparisons per rule.
/// </remarks>
public sealed class ValueRules
{
    private readonly StagingTable _table;
    private readonly int[] _identifiers;
    private readonly int[] _wholeNumbers;
    private readonly (int Column, byte[][] Values)[] _accepted;
    private readonly (int Column, byte[] Value, int[] Required)[] _conditions;

    public ValueRules(StagingTable table)
    {
        _table = table;
        var columns = table.Columns;
        int IndexOf(string name) => columns.Select((c, i) => (c, i)).Single(x => x.c.Name == name).i;
        _identifiers = [.. Enumerable.Range(0, columns.Count).Where(i => columns[i].IsIdentifier)];
        _wholeNumbers = [.. Enumerable.Range(0, columns.Count).Where(i => columns[i].IsWholeNumberText)];
        _accepted = [.. Enumerable.Range(0, columns.Count).Where(i => columns[i].AcceptedValues is not null)
            .Select(i => (i, columns[i].AcceptedValues!.Select(Encoding.UTF8.GetBytes).ToArray()))];
        _conditions = [.. columns.Where(c => c.RequiredWhere is not null).GroupBy(c => c.RequiredWhere!)
            .Select(g => (IndexOf(g.Key.Column), Encoding.UTF8.GetBytes(g.Key.Value), g.Select(c => IndexOf(c.Name)).ToArray()))];
    }

    /// <summary>The largest value <see cref="StagingColumn.IsWholeNumberText"/> admits: the transforms cast it to integer.</summary>
    public const int LargestWholeNumber = int.MaxValue;

    /// <summary>Throws the bad-input error for the first rule <paramref name="record"/> breaks, if any.</summary>
    // Compiled optimised at its first call, not after tiering: a day's one file is parsed before tiering reaches it (docs/design.md, Start-up).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Judge(StagingRecord record, string file, long line)
    {
        foreach (var i in _identifiers)
            if (record.IsNull(i) || !IsIdentifier(record.Text(i)))
                throw Broken(record, i, file, line, "an identifier: not null, not empty, no space around it");
        foreach (var i in _wholeNumbers)
            if (!record.IsNull(i) && !IsWholeNumberOrEmpty(record.Text(i)))
                throw Broken(record, i, file, line, $"empty or a whole number from 0 to {LargestWholeNumber} in plain digits (no sign, space or leading zero)");
        foreach (var (i, values) in _accepted)
            if (!record.IsNull(i) && !IsOneOf(record.Text(i), values))
                throw Broken(record, i, file, line, $"one of {string.Join(", ", _table.Columns[i].AcceptedValues!.Select(v => $"\"{v}\""))} (case matters)");
        foreach (var (condition, value, required) in _conditions)
        {
            if (record.IsNull(condition) || !record.Text(condition).SequenceEqual(value))
                continue;
            foreach (var i in required)
                if (record.IsNull(i) || _table.Columns[i].Kind == ColumnKind.Text && record.Text(i).IsEmpty)
                    throw Broken(record, i, file, line,
                        $"a value on a record whose \"{_table.Columns[condition].JsonKey}\" is \"{Encoding.UTF8.GetString(value)}\"");
        }
    }

    private InputException Broken(StagingRecord record, int column, string file, long line, string expected) =>
        new(file, line, $"\"{_table.Columns[column].JsonKey}\" should be {expected}, found {Found(record, column)}.");

    private static string Found(StagingRecord record, int column)
    {
        if (record.IsNull(column))
            return "null or no value";
        if (record.Table.Columns[column].Kind != ColumnKind.Text)
            return "the number " + record.ValueText(column);
        var text = Encoding.UTF8.GetString(record.Text(column));
        return text.Length == 0 ? "the empty string" : $"the string \"{(text.Length <= 40 ? text : text[..40] + "…")}\"";
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsIdentifier(ReadOnlySpan<byte> text) =>
        !text.IsEmpty && !IsSpace(text[0]) && !IsSpace(text[^1]);

    // JSON's own whitespace and the other ASCII controls a careless export leaves; a non-ASCII space in an id is the app's to answer for.
    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsWholeNumberOrEmpty(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
            return true;
        if (text.Length > 10 || text[0] == '0' && text.Length > 1)
            return false;
        long value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
                return false;
            value = value * 10 + (b - '0');
        }
        return value <= LargestWholeNumber;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsOneOf(ReadOnlySpan<byte> text, byte[][] values)
    {
        foreach (var value in values)
            if (text.SequenceEqual(value))
                return true;
        return false;
    }
}
