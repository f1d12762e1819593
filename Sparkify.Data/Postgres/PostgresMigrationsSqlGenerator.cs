using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;
using Sparkify.Data.Schema;

#pragma warning disable EF1001 // INpgsqlSingletonOptions is internal, but it is what the base generator's constructor takes.

namespace Sparkify.Data.Postgres;

/// <summary>Npgsql's migrations SQL generator, leaving out the foreign keys the loader checks itself.</summary>
/// <remarks>
/// A foreign key configured with <see cref="CheckedByLoaderExtensions.IsCheckedByLoader{TPrincipal,TDependent}"/>
/// gets no constraint on PostgreSQL: its per-row trigger cost most of a bulk insert into the fact, and the
/// loader's data checks prove the same thing set-based before each commit. Dropping a foreign key says
/// IF EXISTS, as the constraint may never have been created here.
/// </remarks>
public sealed class PostgresMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions npgsqlOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlOptions)
{
    protected override void Generate(AddForeignKeyOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        if (!IsCheckedByLoader(operation))
            base.Generate(operation, model, builder, terminate);
    }

    protected override void CreateTableForeignKeys(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        foreach (var foreignKey in operation.ForeignKeys.Where(k => !IsCheckedByLoader(k)))
        {
            builder.AppendLine(",");
            ForeignKeyConstraint(foreignKey, model, builder);
        }
    }

    protected override void Generate(DropForeignKeyOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        var helper = Dependencies.SqlGenerationHelper;
        builder.Append("ALTER TABLE ").Append(helper.DelimitIdentifier(operation.Table, operation.Schema))
            .Append(" DROP CONSTRAINT IF EXISTS ").Append(helper.DelimitIdentifier(operation.Name));
        if (terminate)
        {
            builder.AppendLine(helper.StatementTerminator);
            EndStatement(builder);
        }
    }

    private static bool IsCheckedByLoader(AddForeignKeyOperation operation) => operation[SchemaAnnotationNames.CheckedByLoader] is true;
}
