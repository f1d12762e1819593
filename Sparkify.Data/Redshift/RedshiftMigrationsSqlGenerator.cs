using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

#pragma warning disable EF1001 // INpgsqlSingletonOptions is internal, but it is what the base generator's constructor takes.

namespace Sparkify.Data.Redshift;

/// <summary>
/// Npgsql's migrations SQL generator, bent to Amazon Redshift's dialect. Used when <c>[CLUSTER] ENGINE = redshift</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Identity columns become <c>IDENTITY(0, 1)</c>; SERIAL columns are refused.</item>
/// <item>Tables get <c>DISTSTYLE</c>, <c>DISTKEY</c> and <c>SORTKEY</c> from the model's Redshift annotations.</item>
/// <item>Indexes are dropped, never turned into anything: Redshift has none, and sort keys are a design
///   decision stated with <c>HasRedshiftSortKey</c>, not a by-product of an index.</item>
/// <item>Foreign keys lose their ON DELETE / ON UPDATE actions: Redshift keeps keys as planner hints only.</item>
/// <item>A column's DEFAULT comes before its NOT NULL, as Redshift's documented grammar has them; a timestamp default is a
///   quoted <c>'YYYY-MM-DD HH:MI:SS'</c> literal, the form Redshift documents
///   (https://docs.aws.amazon.com/redshift/latest/dg/r_Date_and_time_literals.html), not Npgsql's <c>TIMESTAMP '…T…'</c>.</item>
/// <item>Whatever is left is checked against <see cref="RedshiftUnsupportedSql"/>; a hit is a <see cref="NotSupportedException"/>.</item>
/// </list>
/// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html
/// </remarks>
public sealed class RedshiftMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions npgsqlOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlOptions)
{
    public override IReadOnlyList<MigrationCommand> Generate(IReadOnlyList<MigrationOperation> operations, IModel? model = null,
        MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
    {
        var commands = base.Generate(operations, model, options);
        foreach (var command in commands)
            if (RedshiftUnsupportedSql.FindIn(command.CommandText) is [var first, ..])
                throw new NotSupportedException(
                    $"The Redshift migration SQL would contain {first.Name}, which Redshift does not support ({first.Documentation}):\n{command.CommandText}\n" +
                    "Change the model or the migration so that it needs no such statement.");
        return commands;
    }

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate: false);
        AppendTableAttributes(operation, builder);
        if (terminate)
        {
            builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
            EndStatement(builder);
        }
    }

    protected override void Generate(CreateIndexOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        // Redshift has no indexes: the index is dropped (see remarks).
    }

    protected override void Generate(DropIndexOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        // Never created on Redshift, so nothing to drop.
    }

    protected override void Generate(EnsureSchemaOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        // Npgsql wraps this in a DO block; Redshift has the plain form.
        builder.Append("CREATE SCHEMA IF NOT EXISTS ").Append(Dependencies.SqlGenerationHelper.DelimitIdentifier(operation.Name))
            .AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
        EndStatement(builder);
    }

    protected override void ColumnDefinition(string? schema, string table, string name, ColumnOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        if (operation[NpgsqlAnnotationNames.ValueGenerationStrategy] is NpgsqlValueGenerationStrategy.SerialColumn)
            throw new NotSupportedException($"{table}.{name} is a SERIAL column, which Redshift lacks; configure it as an identity column (UseIdentityByDefaultColumn).");
        // Redshift's grammar puts DEFAULT before NOT NULL (ADD [COLUMN] name type [DEFAULT expr] [ENCODE …] [NOT NULL | NULL],
        // https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html); Npgsql writes NOT NULL first. The base writes the
        // rest of the column, then DEFAULT and NOT NULL follow in Redshift's order.
        var (nullable, defaultValue, defaultValueSql) = (operation.IsNullable, operation.DefaultValue, operation.DefaultValueSql);
        (operation.IsNullable, operation.DefaultValue, operation.DefaultValueSql) = (true, null, null);
        try
        {
            base.ColumnDefinition(schema, table, name, operation, model, builder);
        }
        finally
        {
            (operation.IsNullable, operation.DefaultValue, operation.DefaultValueSql) = (nullable, defaultValue, defaultValueSql);
        }
        if (defaultValue is DateTime timestamp && defaultValueSql is null)
            builder.Append(" DEFAULT '").Append(timestamp.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')).Append("'");
        else
            DefaultValue(defaultValue, defaultValueSql, operation.ColumnType ?? GetColumnType(schema, table, name, operation, model), builder);
        // An IDENTITY column is NOT NULL by itself, which Npgsql leaves unsaid too.
        var identity = operation[NpgsqlAnnotationNames.ValueGenerationStrategy] is NpgsqlValueGenerationStrategy strategy && strategy.IsIdentity();
        if (!nullable && !identity)
            builder.Append(" NOT NULL");
    }

    protected override void IdentityDefinition(ColumnOperation operation, MigrationCommandListBuilder builder)
    {
        if (operation[NpgsqlAnnotationNames.ValueGenerationStrategy] is NpgsqlValueGenerationStrategy strategy && strategy.IsIdentity())
            builder.Append(" IDENTITY(0, 1)");
    }

    protected override void ForeignKeyConstraint(AddForeignKeyOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        // Redshift's REFERENCES clause takes no referential actions.
        var informational = new AddForeignKeyOperation
        {
            Name = operation.Name,
            Schema = operation.Schema,
            Table = operation.Table,
            Columns = operation.Columns,
            PrincipalSchema = operation.PrincipalSchema,
            PrincipalTable = operation.PrincipalTable,
            PrincipalColumns = operation.PrincipalColumns,
            OnDelete = ReferentialAction.NoAction,
            OnUpdate = ReferentialAction.NoAction,
        };
        base.ForeignKeyConstraint(informational, model, builder);
    }

    private void AppendTableAttributes(CreateTableOperation operation, MigrationCommandListBuilder builder)
    {
        var helper = Dependencies.SqlGenerationHelper;
        if (operation[RedshiftAnnotationNames.DistributionStyle] is string style)
            builder.AppendLine().Append("DISTSTYLE ").Append(style);
        if (operation[RedshiftAnnotationNames.DistributionKey] is string key)
            builder.AppendLine().Append("DISTKEY (").Append(helper.DelimitIdentifier(key)).Append(")");
        if (operation[RedshiftAnnotationNames.SortKey] is string sortKey)
            builder.AppendLine().Append("SORTKEY (").Append(string.Join(", ", sortKey.Split(',').Select(c => helper.DelimitIdentifier(c)))).Append(")");
    }
}
