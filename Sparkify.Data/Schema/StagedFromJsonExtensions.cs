using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sparkify.Data.Schema;

/// <summary>How a staged table's input files hold their JSON records.</summary>
public enum JsonLayout
{
    /// <summary>Newline-delimited JSON: one object per line, so a bad line is reported by its number.</summary>
    OneObjectPerLine,

    /// <summary>Objects in any layout, one or many per file, each spanning any number of lines.</summary>
    Objects,
}

/// <summary>
/// Fluent configuration of a staging table as the loader reads it from JSON: the table's columns, in declaration
/// order, are the input's fields (Redshift's COPY maps JSONPaths to them by position), and what each column
/// demands of its field. The loader's stager, its Redshift JSONPaths and its bad-input rules are derived from these.
/// </summary>
public static class StagedFromJsonExtensions
{
    public static EntityTypeBuilder<TEntity> IsStagedFromJson<TEntity>(this EntityTypeBuilder<TEntity> builder, JsonLayout layout)
        where TEntity : class =>
        builder.HasAnnotation(SchemaAnnotationNames.StagedFromJson, layout.ToString());

    /// <summary>The field is read from <paramref name="key"/> rather than from a key named as the column.</summary>
    public static PropertyBuilder<TProperty> HasJsonKey<TProperty>(this PropertyBuilder<TProperty> builder, string key) =>
        builder.HasAnnotation(SchemaAnnotationNames.JsonKey, key);

    /// <summary>A record without this key is bad input (a JSON null is still fine): the transforms depend on it.</summary>
    public static PropertyBuilder<TProperty> IsRequiredInInput<TProperty>(this PropertyBuilder<TProperty> builder) =>
        builder.HasAnnotation(SchemaAnnotationNames.RequiredInInput, true);

    /// <summary>A bare JSON number is accepted as text and kept as its literal, as Redshift's COPY does.</summary>
    public static PropertyBuilder<string?> AcceptsNumbersAsText(this PropertyBuilder<string?> builder) =>
        builder.HasAnnotation(SchemaAnnotationNames.NumbersAsText, true);

    /// <summary>The event's time in epoch milliseconds: outside the run's time window the record is bad input.</summary>
    public static PropertyBuilder<long?> IsEventTime(this PropertyBuilder<long?> builder) =>
        builder.HasAnnotation(SchemaAnnotationNames.EventTime, true);

    /// <summary>
    /// The field is an identifier the transforms join and merge on: a record where it is null, empty or padded with whitespace is bad
    /// input, since such a key would make a row nobody can match, or a second row for a key that already has one.
    /// </summary>
    public static PropertyBuilder<string?> IsIdentifier(this PropertyBuilder<string?> builder) =>
        builder.HasAnnotation(SchemaAnnotationNames.Identifier, true);

    /// <summary>
    /// The field is text that the transforms cast to integer: empty (none), or a whole number from 0 to 2147483647 written
    /// plainly (digits only, no sign, space or leading zero), so one number has one spelling and the cast cannot fail.
    /// </summary>
    public static PropertyBuilder<string?> IsWholeNumberText(this PropertyBuilder<string?> builder) =>
        builder.HasAnnotation(SchemaAnnotationNames.WholeNumberText, true);

    /// <summary>
    /// A value of this field, where there is one, is one of <paramref name="values"/>, compared exactly (case included); the same
    /// annotation as <see cref="AcceptedValuesExtensions.HasAcceptedValues"/>, which the star columns fed from it carry.
    /// </summary>
    public static PropertyBuilder<string?> HasAcceptedValuesInInput(this PropertyBuilder<string?> builder, params string[] values) =>
        values.Length > 0
            ? builder.HasAnnotation(SchemaAnnotationNames.AcceptedValues, values)
            : throw new ArgumentException("A field accepts at least one value.", nameof(values));

    /// <summary>
    /// A record whose <paramref name="field"/> holds <paramref name="value"/> must hold a value (not null, and for text not empty) in
    /// each of <paramref name="required"/>: the records the transforms build star rows from cannot lack what those rows need.
    /// </summary>
    public static EntityTypeBuilder<TEntity> RequiresValuesWhere<TEntity>(this EntityTypeBuilder<TEntity> builder,
        Expression<Func<TEntity, string?>> field, string value, params Expression<Func<TEntity, object?>>[] required)
        where TEntity : class
    {
        var condition = new[] { PropertyName(field), value };
        foreach (var property in required)
            builder.Property(PropertyName(property)).HasAnnotation(SchemaAnnotationNames.RequiredWhere, condition);
        return builder;
    }

    private static string PropertyName(LambdaExpression property) => property.Body switch
    {
        MemberExpression member => member.Member.Name,
        UnaryExpression { Operand: MemberExpression member } => member.Member.Name, // a value type boxed to object
        _ => throw new ArgumentException($"{property} does not name a property.", nameof(property)),
    };
}
