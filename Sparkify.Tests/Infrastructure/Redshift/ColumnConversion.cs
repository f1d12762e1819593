using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>A column COPY loads into: its name, its type as the catalog gives it, and for varchar its length, which Redshift counts in bytes.</summary>
public sealed record TargetColumn(string Name, string Type, int? MaxLength);

/// <summary>
/// Turns a JSON value into the text COPY stores for a column, or the load error it is: COPY converts each field to the column's
/// type, and a field it cannot convert is a record it could not load.
/// </summary>
/// <remarks>
/// A field is read as text (a string's content, a number's literal, a nested value's JSON) and converted by the column's type:
/// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html. Codes from the load error reference
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html): 1204 out of range (a string longer than its
/// VARCHAR's bytes: https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html), 1207 not digits, 1208 not a float,
/// 1222 integer overflow.
/// </remarks>
public static class ColumnConversion
{
    /// <summary>The value's text for the column (null for NULL), or the fault.</summary>
    public static (string? Text, RedshiftLoadFault? Fault) Convert(JsonElement? value, TargetColumn column)
    {
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
            return (null, null);
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            _ => element.GetRawText(),
        };
        RedshiftLoadFault Fault(int code, string reason) => new(code, reason, column.Name, text.Length <= 1024 ? text : text[..1024]);
        switch (column.Type)
        {
            case "character varying":
                var bytes = Encoding.UTF8.GetByteCount(text);
                return column.MaxLength is { } max && bytes > max
                    ? (null, Fault(1204, $"String length exceeds DDL length"))
                    : (text, null);
            case "integer" or "bigint" or "smallint":
                var digits = text.Trim();
                if (digits.Length == 0 || !digits.TrimStart('+', '-').All(char.IsAsciiDigit) || digits.TrimStart('+', '-').Length == 0)
                    return (null, Fault(1207, $"Invalid digit, Value '{FirstBad(digits)}', Pos {Position(digits)}, Type: {TypeName(column.Type)}"));
                var fits = column.Type switch
                {
                    "bigint" => long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                    "integer" => int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                    _ => short.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                };
                return fits ? (digits, null) : (null, Fault(1222, $"Overflow, Value '{digits}', Type: {TypeName(column.Type)}"));
            case "double precision" or "real":
                return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? (number.ToString("R", CultureInfo.InvariantCulture), null)
                    : (null, Fault(1208, $"Invalid float value '{text}'"));
            default:
                throw new RedshiftErrorException("0A000", $"the Redshift stand-in does not convert JSON into {column.Type} ({column.Name})");
        }
    }

    private static string TypeName(string type) => type switch { "bigint" => "Long", "smallint" => "Short", _ => "Integer" };

    private static int Position(string digits)
    {
        for (var i = 0; i < digits.Length; i++)
            if (!(char.IsAsciiDigit(digits[i]) || i == 0 && digits[i] is '+' or '-'))
                return i;
        return 0;
    }

    private static string FirstBad(string digits) => digits.Length == 0 ? "" : digits[Position(digits)].ToString();
}
