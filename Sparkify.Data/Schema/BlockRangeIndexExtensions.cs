using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sparkify.Data.Schema;

/// <summary>Fluent configuration of a BRIN index (see <see cref="SchemaAnnotationNames.BlockRangeIndex"/>).</summary>
public static class BlockRangeIndexExtensions
{
    /// <summary>
    /// A BRIN index (PostgreSQL's block range index), whose summaries the loader refreshes after each run that adds rows. Npgsql's
    /// index method is a design-time annotation, which the compiled model the loader runs on leaves out; this sets it and the
    /// loader's own annotation together, so the two cannot disagree.
    /// </summary>
    /// <param name="operators">Each column's operator class, when not its type's default (<c>int8_minmax_multi_ops</c>).</param>
    public static IndexBuilder<TEntity> IsBlockRangeIndex<TEntity>(this IndexBuilder<TEntity> builder, params string[] operators) =>
        (operators.Length == 0 ? builder.HasMethod("brin") : builder.HasMethod("brin").HasOperators(operators))
            .HasAnnotation(SchemaAnnotationNames.BlockRangeIndex, true);
}
