using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sparkify.Loader.Model;

namespace Sparkify.Tests.Infrastructure;

/// <summary>A fresh, empty database on the test server, dropped when disposed: tests never share tables.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public string Name { get; }
    public string ConnectionString { get; }

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = NotYetCreated();
        await ExecuteOnServerAsync($"create database {database.Name}");
        return database;
    }

    /// <summary>A database name of its own on the test server, not created: for what creates it. Dropped when disposed, if it exists.</summary>
    public static TestDatabase NotYetCreated()
    {
        var name = "sparkify_test_" + Guid.NewGuid().ToString("N")[..12];
        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(PostgresServer.Current.AdminConnectionString) { Database = name }.ConnectionString);
    }

    /// <summary>A fresh database with the warehouse schema applied: a copy of one migrated once per test run.</summary>
    /// <remarks>Copying a template is a file copy; applying the migrations again for every test took most of a fast test's time.</remarks>
    /// <param name="tablespace">Where its files go, if not the server's default place.</param>
    public static async Task<TestDatabase> CreateMigratedAsync(string? tablespace = null)
    {
        var database = NotYetCreated();
        await ExecuteOnServerAsync($"create database {database.Name} template {await MigratedTemplate.Value}" + (tablespace is null ? "" : $" tablespace {tablespace}"));
        return database;
    }

    private static readonly Lazy<Task<string>> MigratedTemplate = new(CreateTemplateAsync);

    /// <summary>Migrates a database of its own, then closes every connection to it, as a template must have none.</summary>
    private static async Task<string> CreateTemplateAsync()
    {
        var template = NotYetCreated();
        await ExecuteOnServerAsync($"create database {template.Name}");
        var unpooled = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false }.ConnectionString;
        await using (var context = new SparkifyDbContext(SparkifyDbContextOptions.ForPostgres(unpooled)))
            await context.Database.MigrateAsync();
        return template.Name;
    }

    /// <summary>Drops the migrated template, if a test made one (the run's own server goes with its folder; a given one keeps nothing).</summary>
    public static async Task DropTemplateAsync()
    {
        if (MigratedTemplate.IsValueCreated)
            await ExecuteOnServerAsync($"drop database if exists {await MigratedTemplate.Value} with (force)");
    }

    /// <summary>Writes a dwh.cfg that points the loader at this database and at the given data folder.</summary>
    /// <param name="password">Written as DB_PASSWORD; the test server either checks it or, embedded, trusts loopback.</param>
    /// <param name="user">Written as DB_USER: the server's own user unless given (a <see cref="LoginRole"/>, say).</param>
    public string WriteConfig(string folder, string dataFolder, string? password = null, string? user = null)
    {
        var server = new NpgsqlConnectionStringBuilder(ConnectionString);
        var path = Path.Combine(folder, "dwh.cfg");
        File.WriteAllLines(path,
        [
            "[CLUSTER]",
            $"HOST = {server.Host}",
            $"DB_PORT = {server.Port}",
            $"DB_NAME = {Name}",
            $"DB_USER = {user ?? server.Username}",
            $"DB_PASSWORD = {password ?? server.Password}",
            "[S3]",
            $"SONG_DATA = {Path.Combine(dataFolder, "song_data")}",
            $"LOG_DATA = {Path.Combine(dataFolder, "log_data")}",
        ]);
        return path;
    }

    public SparkifyDbContext CreateContext() => new(SparkifyDbContextOptions.ForPostgres(ConnectionString));

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row.Select(v => v is DBNull ? null : v).ToArray());
        }
        return rows;
    }

    /// <summary>The row count of every warehouse table.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CountsAsync()
    {
        var counts = new Dictionary<string, string>();
        foreach (var table in WarehouseTables.All)
            counts[table] = (await ScalarAsync<long>($"select count(*) from {table}")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return counts;
    }

    /// <summary>A fingerprint of every row of every warehouse table, to prove that a run changed nothing.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var table in WarehouseTables.All)
            snapshot[table] = await ScalarAsync<string>(
                $"select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from {table} as t");
        return snapshot;
    }

    /// <summary>
    /// A fingerprint of the star tables' rows as a load defines them, leaving out what depends on how the history was
    /// loaded: surrogate keys (songplay_id) and the run that wrote each row (run_id).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> StarRowsAsync()
    {
        var rows = new Dictionary<string, string>();
        foreach (var (table, columns) in new[]
                 {
                     ("songplays", "start_time, user_id, level, song_id, artist_id, session_id, location, user_agent"),
                     ("users", "user_id, first_name, last_name, gender, level, last_played_at"),
                     ("user_levels", "user_id, level, valid_from, valid_to"),
                     ("songs", "song_id, title, artist_id, year, duration"),
                     ("artists", "artist_id, name, location, latitude, longitude"),
                     ("time", "start_time, hour, day, week, month, year, weekday"),
                 })
            rows[table] = await ScalarAsync<string>(
                $"select count(*) || ':' || coalesce(md5(string_agg(r::text, '|' order by r::text)), '') from (select {columns} from {table}) as r");
        return rows;
    }

    /// <remarks>
    /// No pool is cleared: FORCE ends this database's sessions, and its name is never used again, so its idle pooled connections
    /// are never handed out. Clearing every pool would also close the pooled connections of tests running beside this one.
    /// </remarks>
    public async ValueTask DisposeAsync()
    {
        await ExecuteOnServerAsync($"drop database if exists {Name} with (force)");
    }

    internal static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.Current.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
