using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sparkify.Tests.Data;

/// <summary>The loader's one-query read of the migration history reads the table and column EF Core's migrator creates, on either engine.</summary>
public sealed class MigrationHistoryTests
{
    [Theory]
    [InlineData(DatabaseEngine.Postgres)]
    [InlineData(DatabaseEngine.Redshift)]
    public void The_history_read_names_the_table_and_key_column_EF_Core_s_migrator_creates(DatabaseEngine engine)
    {
        using var context = new SparkifyDbContext(engine == DatabaseEngine.Redshift
            ? SparkifyDbContextOptions.ForRedshift("Host=model.invalid")
            : SparkifyDbContextOptions.ForPostgres("Host=model.invalid"));
        var create = context.GetService<IHistoryRepository>().GetCreateScript();
        var table = Regex.Match(create, @"CREATE TABLE (?:IF NOT EXISTS )?(\S+) \(\s*(\w+)");

        var read = MigrationHistory.Read(context).Sql;

        Assert.True(table.Success, create);
        Assert.Equal($"select {table.Groups[2].Value} from {table.Groups[1].Value}", read);
    }
}
