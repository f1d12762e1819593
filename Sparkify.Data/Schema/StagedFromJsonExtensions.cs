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
}
