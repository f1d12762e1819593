using Npgsql;
using Sparkify.Loader.Model;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>
/// A first load fills each empty star table without its indexes and builds them once it is full (Upkeep/Sql
/// 04_indexes_set_aside.sql and 05_indexes_rebuilt.sql): they end exactly as the migrations made them. A table with rows,
/// or one another session holds a lock on, keeps its indexes, so that no reader is locked out of rows it could read and the
/// run never waits for a reader.
/// </summary>
public sealed class FirstLoadIndexTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-first-load-indexes-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    [Fact]
    public async Task A_first_load_builds_every_star_table_s_indexes_anew_as_the_migrations_defined_them()
    {
        // Given a migrated, empty warehouse
        SampleDays.Copy(_input, _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        var migrated = await IndexesAsync(database);

        // When
        await Warehouse.LoadAsync(database, _input);

        // Then every index has its name and definition (a primary key is still its table's constraint), and is a new one
        var loaded = await IndexesAsync(database);
        Assert.Equal(migrated.Select(i => (i.Name, i.Definition)), loaded.Select(i => (i.Name, i.Definition)));
        Assert.All(WarehouseTables.Star, table => Assert.Contains(loaded, i => i.Table == table && i.Definition.StartsWith("PRIMARY KEY", StringComparison.Ordinal)));
        Assert.All(migrated.Zip(loaded), pair => Assert.NotEqual(pair.First.Oid, pair.Second.Oid));
    }

    [Fact]
    public async Task A_full_reload_keeps_the_indexes_of_tables_that_have_rows()
    {
        // Given a loaded warehouse
        SampleDays.Copy(_input, _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        var before = await IndexesAsync(database);

        // When every star table is emptied and rebuilt
        await Warehouse.LoadAsync(database, _input, fullReload: true);

        // Then the same indexes served it throughout: its readers read on as it ran
        Assert.Equal(before, await IndexesAsync(database));
    }

    [Fact]
    public async Task A_first_load_keeps_the_indexes_of_a_table_another_session_holds_and_does_not_wait_for_it()
    {
        // Given an empty warehouse whose time table a reader's open transaction has read
        SampleDays.Copy(_input, _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        var migrated = await IndexesAsync(database);
        await using var reader = await database.OpenAsync();
        await using var transaction = await reader.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var read = new NpgsqlCommand("select count(*) from time", reader, transaction))
            await read.ExecuteScalarAsync(TestContext.Current.CancellationToken);

        // When a first load runs while the reader holds on (waiting for its lock would never end)
        var load = await Warehouse.LoadAsync(database, _input).WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        // Then it loaded, time kept the indexes it had and the tables nobody held got new ones
        Assert.True(load.TransformSteps.Single(s => s.Script.Name == "22_time.sql").RowsAffected > 0);
        var loaded = await IndexesAsync(database);
        Assert.Equal(migrated.Where(i => i.Table == WarehouseTables.Time), loaded.Where(i => i.Table == WarehouseTables.Time));
        Assert.All(migrated.Zip(loaded).Where(pair => pair.First.Table != WarehouseTables.Time), pair => Assert.NotEqual(pair.First.Oid, pair.Second.Oid));
    }

    private sealed record Index(string Table, string Name, long Oid, string Definition);

    /// <summary>Every index of the star tables, by name: a constraint's as the constraint is defined, any other as the index is.</summary>
    private static async Task<IReadOnlyList<Index>> IndexesAsync(TestDatabase database) =>
        [.. (await database.RowsAsync($"""
            select tables.relname::text, index_names.relname::text, cast(indexes.indexrelid as bigint),
                coalesce(pg_get_constraintdef(constraints.oid), pg_get_indexdef(indexes.indexrelid))
            from pg_index as indexes
            inner join pg_class as tables on tables.oid = indexes.indrelid
            inner join pg_class as index_names on index_names.oid = indexes.indexrelid
            left join pg_constraint as constraints on constraints.conindid = indexes.indexrelid and constraints.conrelid = indexes.indrelid
                and constraints.contype in ('p', 'u', 'x')
            where tables.relnamespace = cast('public' as regnamespace)
                and tables.relname in ({string.Join(", ", WarehouseTables.Star.Select(t => $"'{t}'"))})
            order by 2
            """)).Select(row => new Index((string)row[0]!, (string)row[1]!, (long)row[2]!, (string)row[3]!))];
}
