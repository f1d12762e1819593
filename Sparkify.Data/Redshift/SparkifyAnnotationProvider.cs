using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.Internal;
using Sparkify.Data.Schema;

#pragma warning disable EF1001 // see remarks

namespace Sparkify.Data.Redshift;

/// <summary>
/// Npgsql's annotation provider, plus the Redshift design of each table: entity-type annotations
/// (property names) become table annotations (column names) that migrations carry to the DDL generator;
/// and which foreign keys the loader checks itself (<see cref="SchemaAnnotationNames.CheckedByLoader"/>).
/// </summary>
/// <remarks>
/// Registered for both engines, so the model snapshot is one; Npgsql's own generator ignores these
/// annotations, which keeps the PostgreSQL DDL as it was. Derives from an internal Npgsql type: no
/// public extension point exists for provider table annotations (EF1001 acknowledged here only).
/// </remarks>
public sealed class SparkifyAnnotationProvider(RelationalAnnotationProviderDependencies dependencies) : NpgsqlAnnotationProvider(dependencies)
{
    public override IEnumerable<IAnnotation> For(ITable table, bool designTime)
    {
        foreach (var annotation in base.For(table, designTime))
            yield return annotation;

        var entityType = table.EntityTypeMappings.First().TypeBase;
        string Column(string property) => entityType.FindProperty(property)?.GetColumnName(StoreObjectIdentifier.Table(table.Name, table.Schema))
            ?? throw new InvalidOperationException($"{entityType.DisplayName()}: Redshift key property '{property}' does not exist.");

        if (entityType.FindAnnotation(RedshiftAnnotationNames.DistributionStyle)?.Value is string style)
            yield return new Annotation(RedshiftAnnotationNames.DistributionStyle, style);
        if (entityType.FindAnnotation(RedshiftAnnotationNames.DistributionKey)?.Value is string key)
            yield return new Annotation(RedshiftAnnotationNames.DistributionKey, Column(key));
        if (entityType.FindAnnotation(RedshiftAnnotationNames.SortKey)?.Value is string sortKey)
            yield return new Annotation(RedshiftAnnotationNames.SortKey, string.Join(",", sortKey.Split(',').Select(Column)));
    }

    /// <summary>Carries <see cref="SchemaAnnotationNames.CheckedByLoader"/> from the model's foreign key to its constraint, for the DDL generators.</summary>
    public override IEnumerable<IAnnotation> For(IForeignKeyConstraint foreignKey, bool designTime)
    {
        foreach (var annotation in base.For(foreignKey, designTime))
            yield return annotation;
        if (foreignKey.MappedForeignKeys.Any(k => k.FindAnnotation(SchemaAnnotationNames.CheckedByLoader)?.Value is true))
            yield return new Annotation(SchemaAnnotationNames.CheckedByLoader, true);
    }
}
