using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sparkify.Data.Schema;

/// <summary>
/// Fluent configuration of the values a column may hold. Neither engine gets a CHECK constraint (Redshift has none):
/// the loader's data checks, generated from these annotations, prove them for the rows each run wrote.
/// </summary>
public static class AcceptedValuesExtensions
{
    /// <summary>The column holds one of <paramref name="values"/>, never null.</summary>
    public static PropertyBuilder<string> HasAcceptedValues(this PropertyBuilder<string> builder, params string[] values) =>
        values.Length > 0
            ? builder.HasAnnotation(SchemaAnnotationNames.AcceptedValues, values)
            : throw new ArgumentException("A column accepts at least one value.", nameof(values));

    /// <summary>The column holds a value from <paramref name="least"/> to <paramref name="greatest"/>, both included.</summary>
    public static PropertyBuilder<int> HasAcceptedRange(this PropertyBuilder<int> builder, int least, int greatest) =>
        least <= greatest
            ? builder.HasAnnotation(SchemaAnnotationNames.AcceptedRange, new[] { least, greatest })
            : throw new ArgumentException($"The range {least}..{greatest} is empty.", nameof(greatest));
}
