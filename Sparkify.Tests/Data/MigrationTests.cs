using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sparkify.Tests.Data;

public sealed class MigrationTests
{
    private const string UserTables =
        "select table_name from information_schema.tables where table_schema = 'public' and table_name <> '__EFMigrationsHistory' order by 1";

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_roll_back_to_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var context = database.CreateContext();

        await context.Database.MigrateAsync(TestContext.Current.CancellationToken);
        var created = (await database.RowsAsync(UserTables)).Select(r => (string)r[0]!).ToList();
        Assert.Equal(["artists", "load_errors", "load_runs", "loaded_files", "songplays", "songs", "staging_events", "staging_songs", "time", "user_levels", "users"], created);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));

        await context.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(await database.RowsAsync(UserTables));
    }

    [Fact]
    public async Task Model_has_no_changes_that_a_migration_does_not_cover()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var context = database.CreateContext();
        Assert.False(context.Database.HasPendingModelChanges(),
            "The model differs from the last migration's snapshot: run `dotnet ef migrations add <Name> --project Migrations`.");
    }

    [Theory]
    [InlineData("staging_events")]
    [InlineData("staging_songs")]
    public async Task Staging_tables_match_the_stager_column_for_column(string tableName)
    {
        var table = tableName == "staging_events" ? StagingTable.Events : StagingTable.Songs;
        await using var database = await TestDatabase.CreateMigratedAsync();

        var columns = await database.RowsAsync(
            $"select column_name, data_type, character_maximum_length from information_schema.columns where table_name = '{tableName}' order by ordinal_position");

        Assert.Equal([.. table.Columns.Select(c => c.Name), .. StagingTable.BookkeepingColumns], columns.Select(c => (string)c[0]!));
        Assert.Equal(["bigint", "integer"], columns[^2..].Select(c => (string)c[1]!));
        foreach (var (column, row) in table.Columns.Zip(columns))
        {
            var expectedType = column.Kind switch
            {
                ColumnKind.Text => "character varying",
                ColumnKind.Integer => "integer",
                ColumnKind.BigInt => "bigint",
                _ => "double precision",
            };
            Assert.Equal((column.Name, expectedType), (column.Name, (string)row[1]!));
            if (column.Kind == ColumnKind.Text)
                Assert.Equal((column.Name, column.MaxLength), (column.Name, (int)row[2]!));
        }
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public void Staging_events_columns_follow_the_order_of_log_json_path()
    {
        var jsonPaths = Path.Combine(DataPaths.RequireRealData(), "log_json_path.json");
        using var document = JsonDocument.Parse(File.ReadAllText(jsonPaths));
        var paths = document.RootElement.GetProperty("jsonpaths").EnumerateArray().Select(p => p.GetString()).ToList();

        Assert.Equal(paths, StagingTable.Events.Columns.Select(c => $"$['{c.JsonKey}']"));
    }
}
