using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Sparkify.Loader.Checks;
using Sparkify.Data.Schema;
using Sparkify.Loader.Sql;

namespace Sparkify.Tests.Loader.Checks;

/// <summary>
/// Each data check, broken on purpose. PostgreSQL's own constraints would stop the key cases, so those tests first
/// drop the table's keys (Redshift would not enforce them anyway); every test runs in a transaction that is rolled
/// back, so the loaded sample stays intact for the next.
/// </summary>
public sealed class DataCheckTests(SampleWarehouse warehouse) : IClassFixture<SampleWarehouse>
{
    [Theory]
    [InlineData("01_songplays_nextsong_only.sql", BrokenRows.FirstPlayNotNextSong)]
    [InlineData("02_user_levels_follow_each_other.sql", BrokenRows.OverlappingLevelPeriods)]
    [InlineData("03_user_levels_current_level.sql", BrokenRows.CurrentLevelNotTheUsers)]
    public Task A_broken_rule_fails_its_check_and_names_it(string checkName, string breakIt) => BreakAndCheckAsync(checkName, [breakIt]);

    /// <summary>Every check generated from the model: keys, foreign keys, and one per table whose columns accept only some values.</summary>
    public static TheoryData<string> ModelCheckNames => [.. ModelChecks.From(ModelOf()).Select(c => c.Name)];

    /// <summary>The checks generated from the model's keys and foreign keys.</summary>
    public static TheoryData<string> KeyCheckNames =>
        [.. ModelCheckNames.Select(row => row.Data).Where(name => !ValueRules.Any(rule => rule.Data.Item1 == name))];

    /// <summary>Each column of a checked table with accepted values or an accepted range, with the check of its table (staging columns' rules are the parser's).</summary>
    public static TheoryData<string, string> ValueRules =>
    [
        .. ModelOf().GetRelationalModel().Tables
            .Where(t => t.EntityTypeMappings.Any(m => m.TypeBase.FindAnnotation(SchemaAnnotationNames.CheckedByLoader)?.Value is true))
            .SelectMany(table => table.Columns
            .Where(c => RuleOf(c) is not null)
            .Select(c => ($"ck_{table.Name}", c.Name))),
    ];

    [Theory]
    [MemberData(nameof(KeyCheckNames))]
    public Task A_broken_key_fails_its_generated_check_and_names_it(string checkName) => BreakAndCheckAsync(checkName, Break(checkName));

    [Theory]
    [MemberData(nameof(ValueRules))]
    public Task A_value_its_column_does_not_accept_fails_its_table_s_generated_check(string checkName, string column)
    {
        var table = ModelOf().GetRelationalModel().Tables.Single(t => $"ck_{t.Name}" == checkName);
        var key = table.PrimaryKey!.Columns[0].Name;
        var bad = RuleOf(table.FindColumn(column)!) switch
        {
            string[] values => $"'{values[0]}?'",
            int[] range => $"{range[1] + 1}",
            var rule => throw new InvalidOperationException($"no value breaks {rule}"),
        };
        return BreakAndCheckAsync(checkName, [$"update {table.Name} set {column} = {bad} where {key} = (select min({key}) from {table.Name})"]);
    }

    [Fact]
    public void Keys_foreign_keys_and_accepted_values_of_every_star_table_get_a_check_from_the_model()
    {
        Assert.Equal(
        [
            "pk_artists", "pk_songplays", "ix_songplays_start_time_user_id_session_id", "pk_songs", "pk_time", "pk_user_levels", "pk_users",
            "fk_songplays_artists_artist_id", "fk_songplays_songs_song_id", "fk_songplays_time_start_time", "fk_songplays_users_user_id",
            "fk_songs_artists_artist_id", "fk_user_levels_users_user_id",
            "ck_songplays", "ck_time", "ck_user_levels", "ck_users",
        ], ModelCheckNames.Select(row => (string)row.Data));
        Assert.Equal(
            "time: day between 1 and 31, hour between 0 and 23, month between 1 and 12, week between 1 and 53, weekday between 0 and 6",
            DataChecks.All.Single(c => c.Name == "ck_time").Invariant);
        Assert.Equal("users: level in ('free', 'paid')", DataChecks.All.Single(c => c.Name == "ck_users").Invariant);
    }

    [Fact]
    public void On_PostgreSQL_only_the_invariants_it_does_not_enforce_are_checked()
    {
        var postgres = new PostgresEngine(InputSources.Local("song_data", "log_data")).Checks.Select(c => c.Name).ToList();
        var folder = Directory.CreateTempSubdirectory("sparkify-checks-");
        var redshift = WarehouseEngines.For(DwhConfig.Load(RedshiftConfigFile.Write(folder.FullName))).Checks;
        folder.Delete(recursive: true);

        Assert.DoesNotContain(postgres, name => name.StartsWith("pk_", StringComparison.Ordinal) || name.StartsWith("ix_", StringComparison.Ordinal));
        Assert.Contains("fk_songplays_users_user_id", postgres);
        Assert.Equal(DataChecks.All, redshift);
    }

    [Fact]
    public Task A_run_checks_the_rows_it_wrote_and_a_full_check_every_row() =>
        WithBrokenSampleAsync("update users set level = 'premium' where user_id = (select min(user_id) from users)", async (runner, loadedBy) =>
        {
            var check = DataChecks.All.Single(c => c.Name == "ck_users");

            await runner.RunAsync([check], loadedBy + 1, TestContext.Current.CancellationToken); // a later run wrote no such row

            await Assert.ThrowsAsync<DataCheckException>(() => runner.RunAsync([check], loadedBy, TestContext.Current.CancellationToken));
            await Assert.ThrowsAsync<DataCheckException>(() => runner.RunAsync([check], null, TestContext.Current.CancellationToken));
        });

    [Fact]
    public Task A_check_that_reads_all_history_runs_only_in_a_full_check() =>
        WithBrokenSampleAsync("update staging_events set page = 'Home' where page = 'NextSong'", async (runner, loadedBy) =>
        {
            var check = DataChecks.All.Single(c => c.Name == "01_songplays_nextsong_only.sql");

            await runner.RunAsync([check], loadedBy, TestContext.Current.CancellationToken);

            Assert.True(check.FullCheckOnly);
            await Assert.ThrowsAsync<DataCheckException>(() => runner.RunAsync([check], null, TestContext.Current.CancellationToken));
        });

    /// <summary>Breaks the loaded sample with <paramref name="breakIt"/> in a transaction that is rolled back; the test gets the run that loaded it.</summary>
    private async Task WithBrokenSampleAsync(string breakIt, Func<DataCheckRunner, long, Task> test)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await warehouse.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var loadedBy = (long)(await new NpgsqlCommand("select max(run_id) from users", connection).ExecuteScalarAsync(cancellationToken))!;
        await new NpgsqlCommand(breakIt, connection).ExecuteNonQueryAsync(cancellationToken);
        await test(new DataCheckRunner(connection), loadedBy);
    }

    [Fact]
    public void Every_check_is_broken_by_a_test()
    {
        var handWritten = typeof(DataCheckTests).GetMethod(nameof(A_broken_rule_fails_its_check_and_names_it))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.Data[0]!);

        Assert.Equal(SqlScripts.Checks.Select(c => c.Name), handWritten);
        Assert.Equal(
            DataChecks.All.Select(c => c.Name).Order(StringComparer.Ordinal),
            KeyCheckNames.Select(row => row.Data).Concat(ValueRules.Select(row => row.Data.Item1)).Concat(handWritten)
                .Distinct().Order(StringComparer.Ordinal));
    }

    private async Task BreakAndCheckAsync(string checkName, IReadOnlyList<string> breakIt)
    {
        var check = DataChecks.All.Single(c => c.Name == checkName);
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await warehouse.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var runner = new DataCheckRunner(connection);
        await runner.RunAsync([check], null, cancellationToken); // holds on the loaded sample

        foreach (var sql in breakIt)
            await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync(cancellationToken);
        var error = await Assert.ThrowsAsync<DataCheckException>(() => runner.RunAsync([check], null, cancellationToken));

        Assert.Same(check, error.Check);
        Assert.StartsWith($"data check {checkName} failed ({check.Invariant}): ", error.Message);
        Assert.NotEmpty(error.Examples);
    }

    /// <summary>Statements that break a generated check: a duplicate key (the table's keys dropped first), or a missing parent.</summary>
    private static IReadOnlyList<string> Break(string checkName)
    {
        var tables = ModelOf().GetRelationalModel().Tables;
        if (tables.SelectMany(t => t.ForeignKeyConstraints).SingleOrDefault(k => k.Name == checkName) is { } foreignKey)
        {
            var (column, parentColumn) = (foreignKey.Columns[0].Name, foreignKey.PrincipalColumns[0].Name);
            return [$"delete from {foreignKey.PrincipalTable.Name} where {parentColumn} = (select min({column}) from {foreignKey.Table.Name})"];
        }
        var table = tables.Single(t => t.PrimaryKey?.Name == checkName || t.Indexes.Any(i => i.Name == checkName));
        var key = table.PrimaryKey!.Name == checkName ? table.PrimaryKey.Columns : table.Indexes.Single(i => i.Name == checkName).Columns;
        return
        [
            $"alter table {table.Name} drop constraint {table.PrimaryKey.Name} cascade",
            .. table.Indexes.Where(i => i.IsUnique).Select(i => $"drop index {i.Name}"),
            $"insert into {table.Name} select * from {table.Name} where {key[0].Name} = (select min({key[0].Name}) from {table.Name})",
        ];
    }

    private static object? RuleOf(IColumn column)
    {
        var property = column.PropertyMappings[0].Property;
        return property.FindAnnotation(SchemaAnnotationNames.AcceptedValues)?.Value ?? property.FindAnnotation(SchemaAnnotationNames.AcceptedRange)?.Value;
    }

    private static IModel ModelOf() => DesignTimeModel.Of();
}
