using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Sparkify.Data.Schema;
using Sparkify.Loader.Model;

namespace Sparkify.Tests.Data;

/// <summary>
/// What the migrations leave in PostgreSQL, read from pg_catalog: the objects the model asks for and docs/design.md ("What
/// PostgreSQL holds, and why") names, and nothing else — no foreign key the loader checks itself, no index per foreign key.
/// </summary>
public sealed class PostgresSchemaTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateMigratedAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>Every index of the warehouse's tables (EF's history table aside): "table: name method [unique] (columns)".</summary>
    private const string IndexesSql = """
        select tables.relname || ': ' || indexes.relname || ' ' || methods.amname
            || case when keys.indisunique then ' unique' else '' end
            || ' (' || array_to_string(array(
                select columns.attname
                from unnest(keys.indkey) with ordinality as key(attnum, position)
                inner join pg_attribute as columns on columns.attrelid = tables.oid and columns.attnum = key.attnum
                order by key.position), ', ') || ')'
        from pg_index as keys
        inner join pg_class as indexes on indexes.oid = keys.indexrelid
        inner join pg_class as tables on tables.oid = keys.indrelid
        inner join pg_namespace as schemas on schemas.oid = tables.relnamespace
        inner join pg_am as methods on methods.oid = indexes.relam
        where schemas.nspname = 'public' and tables.relname <> '__EFMigrationsHistory'
        order by 1
        """;

    /// <summary>Every foreign-key constraint: "table: name".</summary>
    private const string ForeignKeysSql = """
        select conrelid::regclass::text || ': ' || conname
        from pg_constraint
        where contype = 'f' and connamespace = 'public'::regnamespace
        order by 1
        """;

    [Fact]
    public async Task The_migrated_schema_holds_exactly_the_model_s_keys_and_indexes_and_only_the_foreign_keys_PostgreSQL_enforces()
    {
        // The design-time model: index methods are Npgsql's design-time annotations, which the compiled model leaves out.
        var model = DesignTimeModel.Of();
        var (indexes, foreignKeys) = (IndexesOf(model), EnforcedForeignKeysOf(model));

        Assert.Equal(indexes, await ColumnAsync(IndexesSql));
        Assert.Equal(foreignKeys, await ColumnAsync(ForeignKeysSql));
    }

    [Fact]
    public async Task The_migrated_schema_holds_what_the_design_doc_says()
    {
        var indexes = await ColumnAsync(IndexesSql);
        var foreignKeys = await ColumnAsync(ForeignKeysSql);

        // Primary keys on every star table; one unique index per event on songplays; a b-tree on run_id where runs read their rows;
        // BRIN on the events' time, where a replaced day's plays are matched again.
        Assert.Equal(
        [
            "artists: pk_artists btree unique (artist_id)",
            "load_errors: pk_load_errors btree unique (load_error_id)",
            "load_runs: pk_load_runs btree unique (run_id)",
            "loaded_files: pk_loaded_files btree unique (path)",
            "songplays: ix_songplays_run_id btree (run_id)",
            "songplays: ix_songplays_start_time_user_id_session_id btree unique (start_time, user_id, session_id)",
            "songplays: pk_songplays btree unique (songplay_id)",
            "songs: pk_songs btree unique (song_id)",
            "staging_events: ix_staging_events_run_id_file_number btree (run_id, file_number)",
            "staging_events: ix_staging_events_ts brin (ts)",
            "staging_songs: ix_staging_songs_run_id_file_number btree (run_id, file_number)",
            "time: ix_time_run_id btree (run_id)",
            "time: pk_time btree unique (start_time)",
            "user_levels: ix_user_levels_run_id btree (run_id)",
            "user_levels: pk_user_levels btree unique (user_id, valid_from)",
            "users: pk_users btree unique (user_id)",
        ], indexes);
        // No foreign-key constraint on the star tables (so no per-row trigger either); the bookkeeping tables keep theirs.
        Assert.Equal(["load_errors: fk_load_errors_load_runs_run_id", "loaded_files: fk_loaded_files_load_runs_run_id"], foreignKeys);
        Assert.Equal(0, await _database.ScalarAsync<long>(
            "select count(*) from pg_trigger where tgrelid in ('songplays'::regclass, 'songs'::regclass, 'users'::regclass, 'artists'::regclass, 'time'::regclass)"));
    }

    /// <summary>Every column with its type, nullability, default and identity, every index and constraint as PostgreSQL states
    /// them, and the applied migrations: one line each.</summary>
    private const string SchemaSql = """
        select 'column ' || tables.relname || '.' || columns.attname || ' ' || format_type(columns.atttypid, columns.atttypmod)
            || case when columns.attnotnull then ' not null' else '' end
            || coalesce(' default ' || pg_get_expr(defaults.adbin, defaults.adrelid), '')
            || case when columns.attidentity <> '' then ' identity ' || cast(columns.attidentity as text) else '' end
        from pg_attribute as columns
        inner join pg_class as tables on tables.oid = columns.attrelid and tables.relkind = 'r'
        left join pg_attrdef as defaults on defaults.adrelid = columns.attrelid and defaults.adnum = columns.attnum
        where tables.relnamespace = 'public'::regnamespace and columns.attnum > 0 and not columns.attisdropped
        union all
        select 'index ' || pg_get_indexdef(indexrelid) from pg_index where indrelid in (select oid from pg_class where relnamespace = 'public'::regnamespace)
        union all
        select 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace
        union all
        select 'migration ' || migration_id || ' ' || product_version from "__EFMigrationsHistory"
        order by 1
        """;

    [Fact]
    public async Task A_database_the_loader_creates_gets_by_the_whole_script_the_schema_EF_Cores_migrator_builds()
    {
        await using var created = TestDatabase.NotYetCreated();
        await Warehouse.LoadAsync(created, SampleWarehouse.Folder);

        var byScript = await created.RowsAsync(SchemaSql);
        var byMigrator = await _database.RowsAsync(SchemaSql);
        Assert.Contains(byMigrator, row => ((string)row[0]!).StartsWith("index CREATE INDEX ix_songplays_run_id", StringComparison.Ordinal));
        Assert.Equal(byMigrator.Select(r => (string)r[0]!), byScript.Select(r => (string)r[0]!));
    }

    /// <summary>The model's primary keys and indexes, as <see cref="IndexesSql"/> writes them.</summary>
    private static List<string> IndexesOf(IModel model) =>
    [
        .. model.GetRelationalModel().Tables.SelectMany(table =>
            (table.PrimaryKey is { } key ? [Index(table.Name, key.Name, "btree", true, key.Columns)] : Array.Empty<string>())
            .Concat(table.Indexes.Select(index =>
                Index(table.Name, index.Name, index.MappedIndexes.First().GetMethod() ?? "btree", index.IsUnique, index.Columns))))
            .Order(StringComparer.Ordinal),
    ];

    private static string Index(string table, string name, string method, bool unique, IEnumerable<IColumn> columns) =>
        $"{table}: {name} {method}{(unique ? " unique" : "")} ({string.Join(", ", columns.Select(c => c.Name))})";

    /// <summary>The model's foreign keys but those the loader checks instead (IsCheckedByLoader), which PostgreSQL gets no constraint for.</summary>
    private static List<string> EnforcedForeignKeysOf(IModel model) =>
    [
        .. model.GetRelationalModel().Tables.SelectMany(table => table.ForeignKeyConstraints)
            .Where(key => !key.MappedForeignKeys.Any(k => k.FindAnnotation(SchemaAnnotationNames.CheckedByLoader)?.Value is true))
            .Select(key => $"{key.Table.Name}: {key.Name}")
            .Order(StringComparer.Ordinal),
    ];

    private async Task<List<string>> ColumnAsync(string sql) => [.. (await _database.RowsAsync(sql)).Select(row => (string)row[0]!)];
}
