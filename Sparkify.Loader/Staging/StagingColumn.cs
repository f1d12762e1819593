using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Sparkify.Data.Schema;
using Sparkify.Loader.Model;

namespace Sparkify.Loader.Staging;

/// <summary>The JSON types a staging column accepts and the PostgreSQL type it is copied as.</summary>
public enum ColumnKind
{
    /// <summary>varchar: a JSON string (or, where the column allows it, a number kept as its literal text).</summary>
    Text,
    Integer,
    BigInt,
    Double,
}

/// <summary>One staging column: the JSON key it is read from, its kind and, for text, its maximum length in bytes.</summary>
/// <remarks>Built from the EF model's property and its annotations (<see cref="StagedFromJsonExtensions"/>), never written by hand.</remarks>
public sealed record StagingColumn(string Name, string JsonKey, ColumnKind Kind, int MaxLength = 0)
{
    /// <summary>A record without this key is bad input (a JSON null is still fine): the transforms depend on it.</summary>
    public bool Required { get; init; }

    /// <summary>The event's time, epoch milliseconds: outside the run's <see cref="EventTimeWindow"/> it is bad input.</summary>
    public bool IsEventTime { get; init; }

    /// <summary>A bare JSON number is accepted as text and kept as its literal, as Redshift's COPY does.</summary>
    public bool NumbersAsText { get; init; }

    /// <summary>An identifier the transforms key on: null, empty or whitespace-padded text is bad input.</summary>
    public bool IsIdentifier { get; init; }

    /// <summary>Text the transforms cast to integer: empty, or a whole number in integer range written plainly.</summary>
    public bool IsWholeNumberText { get; init; }

    /// <summary>The values a present value must be one of, compared exactly; null when any is accepted.</summary>
    public IReadOnlyList<string>? AcceptedValues { get; init; }

    /// <summary>A record whose column <see cref="RecordCondition.Column"/> holds <see cref="RecordCondition.Value"/> must have a value here.</summary>
    public RecordCondition? RequiredWhere { get; init; }

    /// <summary>The key as UTF-8, for matching property names without decoding them.</summary>
    public byte[] JsonKeyUtf8 { get; } = Encoding.UTF8.GetBytes(JsonKey);

    /// <summary>The column <paramref name="property"/> maps to, as the stager reads and copies it.</summary>
    public static StagingColumn Of(IReadOnlyProperty property)
    {
        var kind = KindOf(property);
        var name = property.GetColumnName();
        return new StagingColumn(
            name,
            property.FindAnnotation(SchemaAnnotationNames.JsonKey)?.Value as string ?? name,
            kind,
            kind == ColumnKind.Text ? TextColumn.MaxBytesOf(property) : 0)
        {
            Required = Flag(property, SchemaAnnotationNames.RequiredInInput),
            IsEventTime = Flag(property, SchemaAnnotationNames.EventTime),
            NumbersAsText = Flag(property, SchemaAnnotationNames.NumbersAsText),
            IsIdentifier = Flag(property, SchemaAnnotationNames.Identifier),
            IsWholeNumberText = Flag(property, SchemaAnnotationNames.WholeNumberText),
            AcceptedValues = property.FindAnnotation(SchemaAnnotationNames.AcceptedValues)?.Value as string[],
            RequiredWhere = property.FindAnnotation(SchemaAnnotationNames.RequiredWhere)?.Value is string[] { Length: 2 } where
                ? new RecordCondition(property.DeclaringType.FindProperty(where[0])?.GetColumnName()
                    ?? throw new InvalidOperationException($"{property.Name} is required where {where[0]} is {where[1]}, but there is no {where[0]}."), where[1])
                : null,
        };
    }

    private static ColumnKind KindOf(IReadOnlyProperty property) =>
        (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) switch
        {
            var t when t == typeof(string) => ColumnKind.Text,
            var t when t == typeof(int) => ColumnKind.Integer,
            var t when t == typeof(long) => ColumnKind.BigInt,
            var t when t == typeof(double) => ColumnKind.Double,
            var t => throw new NotSupportedException(
                $"{property.DeclaringType.DisplayName()}.{property.Name} is {t.Name}: the stager reads strings, int, long and double."),
        };

    private static bool Flag(IReadOnlyProperty property, string annotation) => property.FindAnnotation(annotation)?.Value is true;
}

/// <summary>Records whose column <paramref name="Column"/> holds exactly <paramref name="Value"/>.</summary>
public sealed record RecordCondition(string Column, string Value);
