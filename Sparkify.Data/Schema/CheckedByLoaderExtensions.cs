using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sparkify.Data.Schema;

/// <summary>Fluent configuration of what the loader's data checks guard (see <see cref="SchemaAnnotationNames.CheckedByLoader"/>).</summary>
public static class CheckedByLoaderExtensions
{
    /// <summary>
    /// The loader checks this table's primary key, unique indexes and foreign keys for the rows each run
    /// wrote (its <c>run_id</c> column says which), before the run commits: on Redshift, which enforces no
    /// key, for every one; on PostgreSQL for those it does not enforce.
    /// </summary>
    public static EntityTypeBuilder<TEntity> IsCheckedByLoader<TEntity>(this EntityTypeBuilder<TEntity> builder)
        where TEntity : class =>
        builder.HasAnnotation(SchemaAnnotationNames.CheckedByLoader, true);

    /// <summary>
    /// PostgreSQL gets no constraint for this foreign key, so bulk inserts pay no trigger per row: the loader's
    /// data check proves the same set-based before each commit. Redshift keeps the constraint, which it never
    /// enforces but its planner reads.
    /// </summary>
    public static ReferenceCollectionBuilder<TPrincipal, TDependent> IsCheckedByLoader<TPrincipal, TDependent>(
        this ReferenceCollectionBuilder<TPrincipal, TDependent> builder)
        where TPrincipal : class
        where TDependent : class =>
        builder.HasAnnotation(SchemaAnnotationNames.CheckedByLoader, true);
}
