using Npgsql;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Data.Redshift;

namespace Sparkify.Data.Tests;

/// <summary>
/// On Redshift, what a COPY skipped and why a COPY failed come from <c>stl_load_errors</c>. These tests serve that log from
/// a stand-in table on PostgreSQL with Redshift's columns (and <c>pg_last_copy_id()</c> as a function naming the last COPY),
/// and run the loader's own reading and writing code against it.
/// </summary>
public sealed class RedshiftLoadErrorLogTests : IAsyncLifetime
{
    private const int LastCopy = 7;
    private const string Events = "s3://udacity-dend/log_data/2018/11/2018-11-03-events.json";
    private TestDatabase _database = null!;
    private NpgsqlConnection _connection = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        _connection = await _database.OpenAsync();
        await ExecuteAsync($"""
            create table stl_load_errors (
                userid integer, slice integer, tbl integer, starttime timestamp, session integer, query integer,
                filename char(256), line_number bigint, colname char(127), type char(10), col_length char(10), position integer,
                raw_line char(1024), raw_field_value char(1024), err_code integer, err_reason char(100), is_partial integer, start_offset bigint);
            create function pg_last_copy_id() returns integer language sql as 'select {LastCopy}';
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Records_the_last_COPY_skipped_become_the_run_s_bad_records_and_rows_of_load_errors()
    {
        await LogAsync(LastCopy, session: 1, Events, 12, "ts", 1207, "Invalid digit, Value 'y', Pos 0, Type: Long", "yesterday", "{\"ts\": \"yesterday\"}");
        await LogAsync(LastCopy, session: 1, Events, 3, "length", 1207, "Invalid digit, Value 'x', Pos 0, Type: Double", "x", "{\"length\": \"x\"}");
        await LogAsync(LastCopy - 1, session: 1, Events, 99, "ts", 1207, "an earlier COPY's", "z", "{}");
        var badRecords = new BadRecords(maxErrors: 5);
        var runId = await StartRunAsync();

        Assert.Null(await RedshiftLoadErrorLog.SetAsideSkippedAsync(_connection, badRecords, TestContext.Current.CancellationToken));
        await LoadErrorWriter.InsertAsync(_connection, runId, badRecords, TestContext.Current.CancellationToken);

        var rows = await _database.RowsAsync("select run_id, file, line, reason, raw_text from load_errors order by line");
        Assert.Equal(
        [
            [runId, Events, 3L, "column length: Invalid digit, Value 'x', Pos 0, Type: Double (Redshift load error 1207)", "{\"length\": \"x\"}"],
            [runId, Events, 12L, "column ts: Invalid digit, Value 'y', Pos 0, Type: Long (Redshift load error 1207)", "{\"ts\": \"yesterday\"}"],
        ], rows);
    }

    [Fact]
    public async Task One_skipped_record_more_than_the_run_may_skip_is_the_error_that_fails_it()
    {
        await LogAsync(LastCopy, session: 1, Events, 3, "ts", 1207, "Invalid digit", "x", "{}");
        await LogAsync(LastCopy, session: 1, Events, 12, "ts", 1207, "Invalid digit", "y", "{}");
        var badRecords = new BadRecords(maxErrors: 1);

        var error = await RedshiftLoadErrorLog.SetAsideSkippedAsync(_connection, badRecords, TestContext.Current.CancellationToken);

        Assert.NotNull(error);
        Assert.Equal((Events, 12L), (error.File, error.Line));
        Assert.Contains("More than --max-errors 1", error.Message);
    }

    [Fact]
    public async Task A_failed_COPY_is_explained_by_its_own_session_s_newest_errors_only()
    {
        await using var failed = await _database.OpenAsync();
        var since = DateTime.UtcNow.AddMinutes(-1);
        await LogAsync(3, failed.ProcessID, Events, 101, "ts", 1207, "Invalid digit", "yesterday", "{}", at: DateTime.UtcNow);
        await LogAsync(3, failed.ProcessID + 1, Events, 5, "ts", 1207, "another session's", "x", "{}", at: DateTime.UtcNow);
        await LogAsync(2, failed.ProcessID, Events, 6, "ts", 1207, "before this run", "x", "{}", at: since.AddHours(-1));

        var errors = await RedshiftLoadErrorLog.ReadFailureAsync(failed, since, TestContext.Current.CancellationToken);

        var error = Assert.Single(errors);
        Assert.Equal(new RedshiftLoadError(Events, 101, "ts", 1207, "Invalid digit", "yesterday") { RawLine = "{}" }, error);
        Assert.Contains("hint:", error.ToString());
    }

    [Fact]
    public void The_log_s_queries_use_nothing_Redshift_lacks()
    {
        Assert.Empty(RedshiftUnsupportedSql.FindIn(RedshiftLoadErrorLog.Skipped.Sql));
        Assert.Empty(RedshiftUnsupportedSql.FindIn(RedshiftLoadErrorLog.Failed.Sql));
        Assert.Empty(RedshiftUnsupportedSql.FindIn(LoadErrorWriter.Insert.Sql));
    }

    private async Task<long> StartRunAsync()
    {
        await using var command = new NpgsqlCommand(
            "insert into load_runs (started_at, source, errors, outcome) values (now(), 'test', 0, 'running') returning run_id", _connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A row as Redshift writes it: char columns padded with blanks, which the loader trims.</summary>
    private async Task LogAsync(int query, int session, string file, long line, string column, int code, string reason, string value, string rawLine,
        DateTime? at = null)
    {
        await using var command = new NpgsqlCommand("""
            insert into stl_load_errors (query, session, starttime, filename, line_number, colname, err_code, err_reason, raw_field_value, raw_line)
            values (@query, @session, @at, @file, @line, @column, @code, @reason, @value, @raw_line)
            """, _connection)
        {
            Parameters =
            {
                new("query", query), new("session", session), new("at", at ?? DateTime.UtcNow), new("file", file), new("line", line),
                new("column", column), new("code", code), new("reason", reason), new("value", value), new("raw_line", rawLine),
            },
        };
        await command.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await command.ExecuteNonQueryAsync();
    }
}
