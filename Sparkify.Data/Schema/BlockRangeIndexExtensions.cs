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
    public static IndexBuilder<TEntity> IsBlockRangeIndex<TEntity>(this IndexBuilder<TEntity> builder) =>
        builder.HasMethod("brin").HasAnnotation(SchemaAnnotationNames.BlockRangeIndex, true);
}
