using Npgsql;
using Sparkify.Server;

namespace Sparkify.Tests.Infrastructure;

/// <summary>One statement as PostgreSQL's statement log recorded it, with the application name of the session that ran it.</summary>
public sealed record LoggedStatement(string Application, string Sql);

/// <summary>
/// A throwaway PostgreSQL server of its own whose log records every statement every session runs
/// (<c>log_statement = all</c>), each line prefixed with the session's application name: the server's own
/// account of what a client ran. Its own server, so that no other test's statements are in its log.
/// </summary>
public sealed class StatementLogServer : IAsyncDisposable
{
    // Unlikely in SQL, and lets a continuation line (which PostgreSQL starts with a tab) be told from a new entry.
    private const string Marker = "@@sparkify-log@@";

    private readonly EmbeddedPostgres _server;
    private readonly string _root;
    private long _read;

    private StatementLogServer(EmbeddedPostgres server, string root) => (_server, _root) = (server, root);

    public string ConnectionString => _server.ConnectionString;

    private string LogFile => Path.Combine(_server.DataRoot, "postgres.log");

    /// <summary>Starts the server from this machine's PostgreSQL binaries; skips the calling test, saying why, where there are none.</summary>
    public static async Task<StatementLogServer> StartAsync(string database)
    {
        if (PostgresBinaries.Find() is null)
            Assert.Skip("No local PostgreSQL server binaries: the statement log needs a server whose log file this test can read.");
        var root = Directory.CreateTempSubdirectory("sparkify-statement-log-").FullName;
        var server = await EmbeddedPostgres.StartAsync(root, database, throwaway: true);
        var logged = new StatementLogServer(server, root);
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var sql in new[]
                     {
                         "alter system set log_statement = 'all'",
                         $"alter system set log_line_prefix = '{Marker}%a{Marker}'",
                         "select pg_reload_conf()",
                     })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        await logged.WaitForLoggingAsync();
        logged.Skip();
        return logged;
    }

    /// <summary>Forgets what the log holds so far: <see cref="Read"/> returns only what runs after this.</summary>
    public void Skip() => _read = new FileInfo(LogFile).Length;

    /// <summary>The statements logged since the last <see cref="Read"/> or <see cref="Skip"/>, in the order the server ran them.</summary>
    public IReadOnlyList<LoggedStatement> Read()
    {
        string text;
        using (var log = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            log.Seek(_read, SeekOrigin.Begin);
            text = new StreamReader(log).ReadToEnd();
            _read = log.Position;
        }
        var statements = new List<LoggedStatement>();
        foreach (var entry in Entries(text))
        {
            // "<application>@@…@@LOG:  statement: …" (simple protocol) or "…LOG:  execute <unnamed>: …" (extended).
            var parts = entry.Split(Marker, 3);
            if (parts.Length < 3 || parts[0].Length > 0)
                continue;
            var message = parts[2];
            var sql = message.StartsWith("LOG:  statement: ", StringComparison.Ordinal) ? message["LOG:  statement: ".Length..]
                : message.StartsWith("LOG:  execute ", StringComparison.Ordinal) ? message[(message.IndexOf(": ", "LOG:  execute ".Length, StringComparison.Ordinal) + 2)..]
                : null;
            if (sql is not null)
                statements.Add(new LoggedStatement(parts[1], sql));
        }
        return statements;
    }

    /// <summary>The log's entries: each begins with the marker on a new line; its later lines begin with a tab.</summary>
    private static IEnumerable<string> Entries(string text)
    {
        var entry = new System.Text.StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('\t') && entry.Length > 0)
            {
                entry.Append('\n').Append(line[1..]);
                continue;
            }
            if (entry.Length > 0)
                yield return entry.ToString();
            entry.Clear().Append(line);
        }
        if (entry.Length > 0)
            yield return entry.ToString();
    }

    /// <summary>A reload reaches the server's processes in their own time: waits until a new session logs its statements.</summary>
    private async Task WaitForLoggingAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("show log_statement", connection);
            if ((string?)await command.ExecuteScalarAsync() == "all")
                return;
            await Task.Delay(50);
        }
        throw new InvalidOperationException("The server did not take log_statement = all.");
    }

    /// <remarks>No pool is cleared: this server's port is its own, so its pooled connections are never handed out again, and
    /// clearing every pool would close the connections of tests running beside this one.</remarks>
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
