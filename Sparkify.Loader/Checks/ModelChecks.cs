using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Sparkify.Data.Schema;

namespace Sparkify.Loader.Checks;

/// <summary>
/// The checks generated from the EF model, for each table configured with <c>IsCheckedByLoader</c>: its primary key and
/// every unique index, each of its foreign keys, and the values its columns accept (<c>HasAcceptedValues</c>,
/// <c>HasAcceptedRange</c>), one check per table. A new key, foreign key or rule in the model gets its check without a new file.
/// </summary>
/// <remarks>
/// Each looks only at the rows the run <c>@run_id</c> wrote (the table's <c>run_id</c>; every row when it is null),
/// and compares them with the whole table. PostgreSQL enforces keys and the foreign keys it has constraints for, so only the
/// others are checked there; Redshift enforces none.
/// </remarks>
public static class ModelChecks
{
    public static IReadOnlyList<DataCheck> From(IModel model)
    {
        var tables = model.GetRelationalModel().Tables
            .Where(t => t.EntityTypeMappings.Any(m => m.TypeBase.FindAnnotation(SchemaAnnotationNames.CheckedByLoader)?.Value is true))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var table in tables)
            if (table.FindColumn(RunColumn) is null)
                throw new InvalidOperationException($"Table {table.Name} is checked by the loader but has no {RunColumn} column to say which run wrote a row.");

        var keys = tables.SelectMany(table =>
            new[] { (Name: table.PrimaryKey!.Name, Columns: table.PrimaryKey.Columns) }
                .Concat(table.Indexes.Where(i => i.IsUnique).Select(i => (i.Name, i.Columns)))
                .Select(key => KeyCheck(table.Name, key.Name, [.. key.Columns.Select(c => c.Name)])));
        var foreignKeys = tables.SelectMany(table => table.ForeignKeyConstraints
            .OrderBy(k => k.Name, StringComparer.Ordinal)
            .Select(ForeignKeyCheck));
        var values = tables.Select(ValueCheck).OfType<DataCheck>();
        return [.. keys, .. foreignKeys, .. values];
    }

    private const string RunColumn = "run_id";

    private static string RunFilter(string alias) =>
        $"(@{DataCheck.RunParameter} is null or {alias}{RunColumn} = @{DataCheck.RunParameter})";

    /// <summary>Each key written since the run is unique and not null: a null key joins nothing, a duplicate more than itself.</summary>
    private static DataCheck KeyCheck(string table, string name, IReadOnlyList<string> columns)
    {
        var list = string.Join(", ", columns);
        var invariant = $"{table}: ({list}) is unique and not null";
        return new DataCheck(name, invariant, $"""
            -- {invariant}. Returns each violating key with the rows that hold it (0 for a null key).
            select {string.Join(", ", columns.Select(c => "checked." + c))}, count(other.{columns[0]}) as rows_with_key
            from (select distinct {list} from {table} where {RunFilter("")}) as checked
            left join {table} as other
                on {string.Join("\n    and ", columns.Select(c => $"other.{c} = checked.{c}"))}
            group by {string.Join(", ", columns.Select(c => "checked." + c))}
            having count(other.{columns[0]}) <> 1
            """) { EnforcedByPostgres = true };
    }

    private static DataCheck ForeignKeyCheck(IForeignKeyConstraint foreignKey)
    {
        var (child, parent) = (foreignKey.Table.Name, foreignKey.PrincipalTable.Name);
        var columns = foreignKey.Columns.Select(c => c.Name).ToList();
        var parentColumns = foreignKey.PrincipalColumns.Select(c => c.Name).ToList();
        var invariant = $"{child}: every ({string.Join(", ", columns)}) is present in {parent} ({string.Join(", ", parentColumns)})";
        var checkedByLoader = foreignKey.MappedForeignKeys.Any(k => k.FindAnnotation(SchemaAnnotationNames.CheckedByLoader)?.Value is true);
        return new DataCheck(foreignKey.Name, invariant, $"""
            -- {invariant}. Returns the rows whose key is missing there.
            select child.*
            from {child} as child
            where {RunFilter("child.")}
                and not exists (
                    select 1 from {parent} as parent
                    where {string.Join("\n            and ", columns.Zip(parentColumns, (c, p) => $"parent.{p} = child.{c}"))}
                )
            """) { EnforcedByPostgres = !checkedByLoader };
    }

    /// <summary>Each row written since the run holds a value its column accepts; null is never one. Null for a table with no such rule.</summary>
    private static DataCheck? ValueCheck(ITable table)
    {
        var rules = table.Columns
            .Select(column => (column.Name, Rule: Rule(column.PropertyMappings[0].Property)))
            .Where(c => c.Rule is not null)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        if (rules.Count == 0)
            return null;
        var invariant = $"{table.Name}: {string.Join(", ", rules.Select(r => $"{r.Name} {r.Rule}"))}";
        var key = table.PrimaryKey!.Columns.Select(c => c.Name);
        return new DataCheck($"ck_{table.Name}", invariant, $"""
            -- {invariant}. Returns the rows holding any other value.
            select {string.Join(", ", key.Concat(rules.Select(r => r.Name)))}
            from {table.Name}
            where {RunFilter("")}
                and ({string.Join("\n        or ", rules.Select(r => $"{r.Name} is null or not ({r.Name} {r.Rule})"))})
            """);
    }

    /// <summary>The SQL predicate (after the column's name) that the property's accepted values or range state, if any.</summary>
    private static string? Rule(IProperty property) => property switch
    {
        _ when property.FindAnnotation(SchemaAnnotationNames.AcceptedValues)?.Value is string[] values =>
            $"in ({string.Join(", ", values.Select(v => $"'{v.Replace("'", "''", StringComparison.Ordinal)}'"))})",
        _ when property.FindAnnotation(SchemaAnnotationNames.AcceptedRange)?.Value is int[] { Length: 2 } range =>
            $"between {range[0]} and {range[1]}",
        _ => null,
    };
}
