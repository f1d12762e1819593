using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sparkify.Data.Redshift;

/// <summary>Fluent configuration of a table's Redshift distribution and sort keys, stored as model annotations.</summary>
/// <remarks>PostgreSQL ignores these annotations; the Redshift migrations generator turns them into DISTSTYLE, DISTKEY and SORTKEY.</remarks>
public static class RedshiftEntityTypeBuilderExtensions
{
    public static EntityTypeBuilder<TEntity> HasRedshiftDistributionStyle<TEntity>(this EntityTypeBuilder<TEntity> builder, RedshiftDistributionStyle style)
        where TEntity : class
    {
        if (style == RedshiftDistributionStyle.Key)
            throw new ArgumentException("Use HasRedshiftDistributionKey to distribute by a key: it names the column.", nameof(style));
        return builder.HasAnnotation(RedshiftAnnotationNames.DistributionStyle, style.ToString().ToUpperInvariant());
    }

    /// <summary>DISTSTYLE KEY with this property as DISTKEY.</summary>
    public static EntityTypeBuilder<TEntity> HasRedshiftDistributionKey<TEntity>(this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, object?>> key)
        where TEntity : class =>
        builder
            .HasAnnotation(RedshiftAnnotationNames.DistributionStyle, nameof(RedshiftDistributionStyle.Key).ToUpperInvariant())
            .HasAnnotation(RedshiftAnnotationNames.DistributionKey, PropertyName(key));

    /// <summary>A compound SORTKEY of these properties, in this order.</summary>
    public static EntityTypeBuilder<TEntity> HasRedshiftSortKey<TEntity>(this EntityTypeBuilder<TEntity> builder, params Expression<Func<TEntity, object?>>[] columns)
        where TEntity : class =>
        builder.HasAnnotation(RedshiftAnnotationNames.SortKey, string.Join(",", columns.Select(PropertyName)));

    private static string PropertyName<TEntity>(Expression<Func<TEntity, object?>> property) =>
        (property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body) is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException($"'{property}' is not a property access such as 'x => x.Name'.", nameof(property));
}
