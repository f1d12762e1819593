using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Sparkify.Loader.Model;

/// <summary>
/// A text column the loader writes values of its own into (messages, reasons, file names), with its length from the EF model,
/// counted in UTF-8 bytes as Redshift counts VARCHAR lengths: a value cut to it fits on both engines.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html: "the length is in bytes, not characters".</remarks>
public sealed partial record TextColumn(string Table, string Name, int MaxBytes)
{
    /// <summary>The column <paramref name="property"/> of <typeparamref name="TEntity"/> maps to, with its <c>varchar(n)</c> length.</summary>
    public static TextColumn Of<TEntity>(string property) => WarehouseModel.Derive(model =>
    {
        var entity = model.FindEntityType(typeof(TEntity)) ?? throw new ArgumentException($"{typeof(TEntity).Name} is not in the model.");
        var column = entity.FindProperty(property) ?? throw new ArgumentException($"{typeof(TEntity).Name} has no property {property}.");
        return new TextColumn(entity.GetTableName()!, column.GetColumnName(), MaxBytesOf(column));
    });

    /// <summary>The <c>n</c> of the <c>varchar(n)</c> that <paramref name="property"/> maps to.</summary>
    public static int MaxBytesOf(IReadOnlyProperty property)
    {
        var type = property.GetColumnType() ?? "(no column type)";
        var length = Varchar().Match(type);
        return length.Success
            ? int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new ArgumentException($"{property.DeclaringType.DisplayName()}.{property.Name} is {type}, not varchar(n).");
    }

    /// <summary>
    /// <paramref name="value"/>, or its longest beginning that fits in <see cref="MaxBytes"/> UTF-8 bytes, never splitting a character.
    /// </summary>
    public string Cut(string value)
    {
        if (Encoding.UTF8.GetByteCount(value) <= MaxBytes)
            return value;
        var (bytes, end) = (0, 0);
        while (end < value.Length)
        {
            var width = char.IsSurrogatePair(value, end) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(value.AsSpan(end, width));
            if (bytes + size > MaxBytes)
                break;
            (bytes, end) = (bytes + size, end + width);
        }
        return value[..end];
    }

    [GeneratedRegex(@"^(?:varchar|character varying)\((\d+)\)$")]
    private static partial Regex Varchar();
}
