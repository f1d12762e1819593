using Npgsql;
using Sparkify.Data.Redshift;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Staging.Sources;
using Sparkify.Tests.Infrastructure.Redshift;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>
/// On Redshift, what a COPY skipped and why a COPY failed come from the load-error log: <c>stl_load_errors</c> on a provisioned
/// cluster, <c>sys_load_error_detail</c> on Serverless. These tests serve both from tables on PostgreSQL with Redshift's columns
/// (<see cref="RedshiftSystemTables"/>) and run the loader's own reading code against them, and its mapping of a row back to the
/// record the user wrote.
/// </summary>
public sealed class RedshiftLoadErrorLogTests : IAsyncLifetime
{
    private const int LastCopy = 7;
    private const string Events = "s3://udacity-dend/log_data/2018/11/2018-11-03-events.json";
    private TestDatabase _database = null!;
    private NpgsqlConnection _connection = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-load-errors-").FullName;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        _connection = await _database.OpenAsync();
        await RedshiftSystemTables.CreateAsync(_connection);
        await ExecuteAsync($"insert into {RedshiftSystemTables.LastCopies} values (pg_backend_pid(), {LastCopy})");
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task On_a_provisioned_cluster_the_records_skipped_are_the_last_COPY_s_rows_of_stl_load_errors()
    {
        await LogStlAsync(LastCopy, _connection.ProcessID, 12, "ts", "Invalid digit, Value 'y', Pos 0, Type: Long");
        await LogStlAsync(LastCopy, _connection.ProcessID, 3, "length", "Invalid digit, Value 'x', Pos 0, Type: Double");
        await LogStlAsync(LastCopy - 1, _connection.ProcessID, 99, "ts", "an earlier COPY's");

        var skipped = await RedshiftLoadErrorLog.Provisioned.SkippedAsync(_connection, DateTime.UtcNow.AddMinutes(-1), TestContext.Current.CancellationToken);

        Assert.Equal([(Events, 3L, "length", 1207), (Events, 12L, "ts", 1207)], skipped.Select(e => (e.File, e.Line, e.Column, e.Code)));
        Assert.Equal("Invalid digit, Value 'x', Pos 0, Type: Double", skipped[0].Reason);
    }

    [Fact]
    public async Task On_Serverless_the_records_skipped_are_this_session_s_rows_of_sys_load_error_detail_since_the_COPY_began()
    {
        var since = DateTime.UtcNow.AddMinutes(-1);
        await LogSysAsync(_connection.ProcessID, since.AddSeconds(30), 12, "ts", "Invalid digit");
        await LogSysAsync(_connection.ProcessID + 1, since.AddSeconds(30), 5, "ts", "another session's");
        await LogSysAsync(_connection.ProcessID, since.AddHours(-1), 6, "ts", "before this COPY");

        var skipped = await RedshiftLoadErrorLog.Serverless.SkippedAsync(_connection, since, TestContext.Current.CancellationToken);

        var error = Assert.Single(skipped);
        Assert.Equal(new RedshiftLoadError(Events, 12, "ts", 1207, "Invalid digit", ""), error);
    }

    [Fact]
    public async Task A_failed_COPY_is_explained_by_its_own_session_s_errors_since_it_began_in_either_log()
    {
        await using var failed = await _database.OpenAsync();
        var since = DateTime.UtcNow.AddMinutes(-1);
        foreach (var (session, line, at) in new[] { (failed.ProcessID, 101L, DateTime.UtcNow), (failed.ProcessID + 1, 5L, DateTime.UtcNow), (failed.ProcessID, 6L, since.AddHours(-1)) })
        {
            await LogStlAsync(3, session, line, "ts", "Invalid digit", at);
            await LogSysAsync(session, at, line, "ts", "Invalid digit");
        }

        var provisioned = await RedshiftLoadErrorLog.Provisioned.ReadFailureAsync(failed, failed.ProcessID, since, TestContext.Current.CancellationToken);
        var serverless = await RedshiftLoadErrorLog.Serverless.ReadFailureAsync(failed, failed.ProcessID, since, TestContext.Current.CancellationToken);

        Assert.Equal(new RedshiftLoadError(Events, 101, "ts", 1207, "Invalid digit", "x"), Assert.Single(provisioned));
        Assert.Equal(new RedshiftLoadError(Events, 101, "ts", 1207, "Invalid digit", ""), Assert.Single(serverless));
        Assert.Contains("hint:", provisioned[0].ToString());
    }

    [Fact]
    public void The_log_s_queries_use_nothing_Redshift_lacks_and_name_no_alias_that_shadows_a_column()
    {
        foreach (var log in new[] { RedshiftLoadErrorLog.Provisioned, RedshiftLoadErrorLog.Serverless })
            foreach (var statement in new[] { log.Skipped, log.Failed })
            {
                Assert.Empty(RedshiftUnsupportedSql.FindIn(statement.Sql));
                Assert.Contains("order by 1, 2", statement.Sql);
            }
        Assert.Empty(RedshiftUnsupportedSql.FindIn(LoadErrorWriter.Insert.Sql));
    }

    [Fact]
    public async Task A_row_about_a_compacted_part_names_the_song_file_and_line_the_user_wrote_with_its_text()
    {
        // Two song files, the second pretty-printed over four lines; compacted, part line 2 is the second file's record.
        var first = Write("A/first.json", """{"song_id": "S1", "title": "One"}""");
        var second = Write("B/second.json", "{\n  \"song_id\": \"S2\",\n  \"title\": \"Dé\"\n}");
        var part = new CompactedPart("s3://b/run-1/staging_songs/part-0000.json.gz", 100, [(first, 1), (second, 1)]);
        var sources = new LoadErrorSources(new LocalFolderSource(_folder, "SONG_DATA"), StagingTable.Songs, [first, second], [part]);

        var resolved = await sources.ResolveAsync([new RedshiftLoadError(part.Uri, 2, "title", 1204, "String length exceeds DDL length", "")]);

        var (error, text) = Assert.Single(resolved);
        Assert.Equal((second.Name, 1L), (error.File, error.Line));
        Assert.Equal("column title: String length exceeds DDL length (Redshift load error 1204)", error.Problem);
        Assert.Equal(File.ReadAllText(second.Name), System.Text.Encoding.UTF8.GetString(text));
    }

    [Fact]
    public async Task A_row_about_a_file_names_the_line_its_record_starts_on_where_the_log_gives_the_line_it_ends_on()
    {
        var song = Write("C/song.json", "{\n  \"song_id\": \"S3\",\n  \"duration\": \"long\"\n}");
        var sources = new LoadErrorSources(new LocalFolderSource(_folder, "SONG_DATA"), StagingTable.Songs, [song], []);

        var (error, text) = Assert.Single(await sources.ResolveAsync([new RedshiftLoadError(song.Name, 4, "duration", 1207, "Invalid digit", "long")]));

        Assert.Equal((song.Name, 1L), (error.File, error.Line));
        Assert.StartsWith("{\n  \"song_id\": \"S3\"", System.Text.Encoding.UTF8.GetString(text));
    }

    private InputObject Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        var info = new FileInfo(path);
        return new InputObject(path, info.Length, info.LastWriteTimeUtc, null);
    }

    /// <summary>A row as a provisioned cluster writes it: char columns padded with blanks, which the loader trims.</summary>
    private Task LogStlAsync(int query, int session, long line, string column, string reason, DateTime? at = null) =>
        ExecuteAsync("""
            insert into stl_load_errors (query, session, starttime, filename, line_number, colname, err_code, err_reason, raw_field_value, raw_line)
            values (@query, @session, @at, @file, @line, @column, 1207, @reason, 'x', '{}')
            """, new("query", query), new("session", session), new("at", at ?? DateTime.UtcNow), new("file", Events), new("line", line),
            new("column", column), new("reason", reason));

    private Task LogSysAsync(int session, DateTime at, long line, string column, string reason) =>
        ExecuteAsync("""
            insert into sys_load_error_detail (query_id, session_id, start_time, file_name, line_number, column_name, error_code, error_message)
            values (9, @session, @at, @file, @line, @column, 1207, @reason)
            """, new("session", session), new("at", at), new("file", Events), new("line", line), new("column", column), new("reason", reason));

    private async Task ExecuteAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync();
    }
}
