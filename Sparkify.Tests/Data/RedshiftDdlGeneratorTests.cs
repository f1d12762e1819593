using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Sparkify.Data.Redshift;

namespace Sparkify.Tests.Data;

/// <summary>The Redshift DDL generator on single operations, asserted as exact SQL text (no cluster runs here).</summary>
public sealed class RedshiftDdlGeneratorTests
{
    private static string Generate(params MigrationOperation[] operations)
    {
        using var context = new SparkifyDbContext(SparkifyDbContextOptions.ForRedshift("Host=unused.invalid"));
        var commands = context.GetService<IMigrationsSqlGenerator>().Generate(operations, context.Model);
        return string.Concat(commands.Select(c => c.CommandText)).ReplaceLineEndings("\n");
    }

    // Npgsql's annotation name (its constant lives in an internal namespace).
    private const string ValueGenerationStrategy = "Npgsql:ValueGenerationStrategy";

    private static AddColumnOperation Column(string name, string type, bool nullable = false) =>
        new() { Name = name, Table = "t", ColumnType = type, ClrType = typeof(long), IsNullable = nullable };

    [Fact]
    public void Identity_columns_become_IDENTITY_seed_step()
    {
        var id = Column("id", "bigint");
        id.AddAnnotation(ValueGenerationStrategy, NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

        var sql = Generate(new CreateTableOperation { Name = "t", Columns = { id } });

        Assert.Equal("""
            CREATE TABLE t (
                id bigint IDENTITY(0, 1)
            );

            """, sql);
    }

    [Fact]
    public void Serial_columns_are_refused_with_what_to_do()
    {
        var id = Column("id", "integer");
        id.AddAnnotation(ValueGenerationStrategy, NpgsqlValueGenerationStrategy.SerialColumn);

        var error = Assert.Throws<NotSupportedException>(() => Generate(new CreateTableOperation { Name = "t", Columns = { id } }));

        Assert.Contains("identity column", error.Message);
    }

    [Fact]
    public void Distribution_and_sort_keys_follow_the_closing_parenthesis()
    {
        var table = new CreateTableOperation { Name = "t", Columns = { Column("a", "integer"), Column("b", "integer") } };
        table.AddAnnotation(RedshiftAnnotationNames.DistributionStyle, "KEY");
        table.AddAnnotation(RedshiftAnnotationNames.DistributionKey, "a");
        table.AddAnnotation(RedshiftAnnotationNames.SortKey, "b,a");

        Assert.Equal("""
            CREATE TABLE t (
                a integer NOT NULL,
                b integer NOT NULL
            )
            DISTSTYLE KEY
            DISTKEY (a)
            SORTKEY (b, a);

            """, Generate(table));
    }

    [Fact]
    public void A_timestamp_default_is_a_quoted_literal_with_a_space_as_Redshift_documents_it()
    {
        var column = new AddColumnOperation
        {
            Name = "last_played_at", Table = "users", ColumnType = "timestamp without time zone", ClrType = typeof(DateTime),
            DefaultValue = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        };

        Assert.Equal("ALTER TABLE users ADD last_played_at timestamp without time zone DEFAULT '1970-01-01 00:00:00' NOT NULL;\n", Generate(column));
    }

    [Fact]
    public void Indexes_are_dropped()
    {
        Assert.Equal("", Generate(new CreateIndexOperation { Name = "ix_t_a", Table = "t", Columns = ["a"] }));
        Assert.Equal("", Generate(new DropIndexOperation { Name = "ix_t_a", Table = "t" }));
    }

    [Fact]
    public void Foreign_keys_lose_their_referential_actions()
    {
        var sql = Generate(new AddForeignKeyOperation
        {
            Name = "fk_t_u", Table = "t", Columns = ["u"], PrincipalTable = "u", PrincipalColumns = ["id"], OnDelete = ReferentialAction.Cascade,
        });

        Assert.Equal("ALTER TABLE t ADD CONSTRAINT fk_t_u FOREIGN KEY (u) REFERENCES u (id);\n", sql);
    }

    [Fact]
    public void Schemas_are_created_without_a_DO_block()
    {
        Assert.Equal("CREATE SCHEMA IF NOT EXISTS analytics;\n", Generate(new EnsureSchemaOperation { Name = "analytics" }));
    }

    [Fact]
    public void Raw_SQL_with_a_construct_Redshift_lacks_is_refused()
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            Generate(new SqlOperation { Sql = "insert into t values (1) on conflict do nothing" }));

        Assert.Contains("ON CONFLICT", error.Message);
        Assert.Contains("https://docs.aws.amazon.com/redshift/", error.Message);
    }
}
