using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using Sparkify.Tests.Infrastructure.Redshift;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// The stand-in Redshift endpoint: real Npgsql clients, connecting as the loader connects to Redshift (TLS required,
/// pooled), through the wire proxy to the real test server.
/// </summary>
public sealed partial class WireProxyTests : IAsyncLifetime
{
    private const string S3Copy = "copy events from 's3://sparkify/log_data' iam_role 'arn:aws:iam::000000000000:role/dwh' format as json 'auto'";
    private const string RefusalMessage = "Redshift binds parameters only in SELECT, INSERT, UPDATE and DELETE.";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly ScriptedInterceptor _interceptor = new();
    private TestDatabase _database = null!;
    private WireProxy _proxy = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        await _database.ExecuteAsync("create table events (id integer primary key, name text); create table steps (n serial, step text)");
        _proxy = await StartProxyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Queries_and_a_committed_transaction_pass_through()
    {
        await using var connection = await OpenAsync();

        await using (var transaction = await connection.BeginTransactionAsync(Cancellation))
        {
            await ExecuteAsync(connection, "insert into events values (1, 'committed')");
            await transaction.CommitAsync(Cancellation);
        }

        Assert.Equal("committed", await ScalarAsync(connection, "select name from events where id = 1"));
        Assert.Equal("committed", await _database.ScalarAsync<string>("select name from events where id = 1"));
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_nothing()
    {
        await using var connection = await OpenAsync();

        await using (var transaction = await connection.BeginTransactionAsync(Cancellation))
        {
            await ExecuteAsync(connection, "insert into events values (1, 'rolled back')");
            await transaction.RollbackAsync(Cancellation);
        }

        Assert.Equal(0, await _database.ScalarAsync<long>("select count(*) from events"));
    }

    [Fact]
    public async Task A_notice_and_a_parameter_change_from_upstream_reach_the_client()
    {
        await using var connection = await OpenAsync();
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);

        await ExecuteAsync(connection, "do $$ begin raise notice 'from upstream'; end $$");
        await ExecuteAsync(connection, "set application_name = 'renamed'");

        Assert.Equal(["from upstream"], notices);
        Assert.Equal("renamed", connection.PostgresParameters["application_name"]);
    }

    [Fact]
    public async Task A_multi_row_insert_with_parameters_runs_when_the_rule_allows_it()
    {
        await using var connection = await OpenAsync();
        await using var insert = new NpgsqlCommand("insert into events values (@a, @b), (@c, @d)", connection)
        {
            Parameters = { new("a", 1), new("b", "one"), new("c", 2), new("d", "two") },
        };

        Assert.Equal(2, await insert.ExecuteNonQueryAsync(Cancellation));
        Assert.Equal("one,two", await _database.ScalarAsync<string>("select string_agg(name, ',' order by id) from events"));
    }

    [Fact]
    public async Task The_loader_s_own_PostgreSQL_load_runs_through_the_proxy_unchanged()
    {
        // No parameter rule: that is Redshift's, and this is the PostgreSQL engine (its transform binds the run's id).
        await using var proxy = await WireProxy.StartAsync(_database.ConnectionString, _interceptor);
        var engine = new PostgresEngine(InputSources.Local(Path.Combine(SampleWarehouse.Folder, "song_data"), Path.Combine(SampleWarehouse.Folder, "log_data")));

        var result = await new WarehouseLoader(engine, ThroughProxy(_database.ConnectionString, proxy), new RecordingObserver()).LoadAsync(Cancellation);

        Assert.Equal(648, result.RowsIn("songplays"));
        Assert.Equal(648, await _database.ScalarAsync<long>("select count(*) from songplays"));
        Assert.Contains(proxy.Log, s => s.Sql.StartsWith("copy ", StringComparison.OrdinalIgnoreCase) && s.Sql.Contains("from stdin", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_pooled_connection_is_reused_through_the_proxy_and_reset_by_Npgsql_before_its_next_command()
    {
        int backend;
        await using (var first = await OpenAsync())
        {
            backend = first.ProcessID;
            await ExecuteAsync(first, "create temporary table scratch (id integer)");
        }
        _proxy.Read();

        await using var again = await OpenAsync();
        var scratchTables = await ScalarAsync(again, "select count(*) from pg_class where relname = 'scratch'");

        Assert.Equal((backend, 0L), (again.ProcessID, scratchTables));
        Assert.Equal(["DISCARD ALL", "select count(*) from pg_class where relname = 'scratch'"], _proxy.Read().Select(s => s.Sql));
    }

    [Fact]
    public async Task A_binary_COPY_FROM_STDIN_arrives_and_COPY_TO_STDOUT_reads_it_back()
    {
        await using var connection = await OpenAsync();

        await using (var import = await connection.BeginBinaryImportAsync("copy events (id, name) from stdin (format binary)", Cancellation))
        {
            for (var id = 1; id <= 1000; id++)
                await import.WriteRowAsync(Cancellation, id, $"event {id}");
            Assert.Equal(1000UL, await import.CompleteAsync(Cancellation));
        }
        var exported = new List<string>();
        await using (var export = await connection.BeginBinaryExportAsync("copy (select name from events where id <= 3 order by id) to stdout (format binary)", Cancellation))
            while (await export.StartRowAsync(Cancellation) > 0)
                exported.Add(await export.ReadAsync<string>(NpgsqlDbType.Text, Cancellation));

        Assert.Equal(1000, await _database.ScalarAsync<long>("select count(*) from events"));
        Assert.Equal(["event 1", "event 2", "event 3"], exported);
    }

    [Fact]
    public async Task A_COPY_FROM_STDIN_that_fails_upstream_reaches_the_client_and_the_session_goes_on()
    {
        await using var connection = await OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var import = await connection.BeginBinaryImportAsync("copy events (id, name) from stdin (format binary)", Cancellation);
            for (var row = 0; row < 20000; row++)
                await import.WriteRowAsync(Cancellation, 1, "the same key");
            await import.CompleteAsync(Cancellation);
        });

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal(1, await ScalarAsync(connection, "select 1"));
        Assert.Equal(0, await _database.ScalarAsync<long>("select count(*) from events"));
    }

    [Fact]
    public async Task An_intercepted_statement_runs_in_the_client_s_transaction_and_rolls_back_with_it()
    {
        await using var connection = await OpenAsync("intercepting");
        var notices = new List<PostgresNotice>();
        connection.Notice += (_, e) => notices.Add(e.Notice);
        (object? Backend, int Process, string Application, string Database)? seen = null;
        _interceptor.Script = async (_, session, cancellationToken) =>
        {
            var backend = (await session.QueryAsync("select pg_backend_pid()", cancellationToken))[0][0];
            seen = (backend, session.BackendProcessId, session.ApplicationName, session.Database);
            await session.QueryAsync("insert into events values (1, 'queried')", cancellationToken);
            var copied = await session.CopyInAsync("copy events (id, name) from stdin", Chunks("2\tcopied\n", "3\tcopied\n"), cancellationToken);
            return InterceptedResult.Success($"COPY {copied + 1}", new InterceptedNotice("INFO", "Load into table 'events' completed, 3 record(s) loaded successfully."));
        };
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);

        var rows = await ExecuteAsync(connection, S3Copy);

        Assert.Equal(3, rows);
        Assert.Equal((connection.ProcessID.ToString(CultureInfo.InvariantCulture), connection.ProcessID, "intercepting", _database.Name), seen);
        var notice = Assert.Single(notices);
        Assert.Equal(("INFO", "Load into table 'events' completed, 3 record(s) loaded successfully."), (notice.Severity, notice.MessageText));
        Assert.Equal(3L, await ScalarAsync(connection, "select count(*) from events"));
        Assert.Equal(0, await _database.ScalarAsync<long>("select count(*) from events"));
        await transaction.RollbackAsync(Cancellation);
        Assert.Equal(0L, await ScalarAsync(connection, "select count(*) from events"));
    }

    [Fact]
    public async Task An_intercepted_error_aborts_the_client_s_transaction_and_reaches_it_as_a_PostgresException()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ThroughProxy(_database.ConnectionString)) { IncludeErrorDetail = true }.ConnectionString);
        await connection.OpenAsync(Cancellation);
        _interceptor.Script = (_, _, _) => Task.FromResult(InterceptedResult.Failure(
            "22P04", "Load into table 'events' failed. Check 'stl_load_errors' system table for details.", "it's the file's fault"));
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        await ExecuteAsync(connection, "insert into events values (1, 'before the COPY')");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, S3Copy));
        var next = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, "select 1"));

        Assert.Equal(("22P04", "Load into table 'events' failed. Check 'stl_load_errors' system table for details.", "it's the file's fault"),
            (error.SqlState, error.MessageText, error.Detail));
        Assert.Equal(PostgresErrorCodes.InFailedSqlTransaction, next.SqlState);
        await transaction.RollbackAsync(Cancellation);
        Assert.Equal(0, await _database.ScalarAsync<long>("select count(*) from events"));
    }

    [Fact]
    public async Task An_intercepted_error_outside_a_transaction_leaves_the_session_usable()
    {
        await using var connection = await OpenAsync();
        _interceptor.Script = (_, _, _) => Task.FromResult(InterceptedResult.Failure("22P02", "Invalid JSONPath format."));

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, S3Copy));

        Assert.Equal(("22P02", "Invalid JSONPath format."), (error.SqlState, error.MessageText));
        Assert.Equal(1, await ScalarAsync(connection, "select 1"));
    }

    [Fact]
    public async Task An_upstream_error_inside_an_intercepted_statement_reaches_the_client_and_aborts_its_transaction()
    {
        await using var connection = await OpenAsync();
        _interceptor.Script = async (_, session, cancellationToken) =>
        {
            await session.QueryAsync("insert into events values (1, 'one'), (1, 'again')", cancellationToken);
            return InterceptedResult.Success("COPY 2");
        };
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, S3Copy));
        var next = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, "select 1"));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal(PostgresErrorCodes.InFailedSqlTransaction, next.SqlState);
    }

    [Fact]
    public async Task An_intercepted_statement_in_an_already_failed_transaction_is_refused_as_PostgreSQL_refuses_any()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, "select 1 / 0"));

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, S3Copy));

        Assert.Equal(PostgresErrorCodes.InFailedSqlTransaction, error.SqlState);
        Assert.Equal(0, _interceptor.Runs);
    }

    [Fact]
    public async Task An_interceptor_that_throws_fails_only_its_statement()
    {
        await using var connection = await OpenAsync();
        _interceptor.Script = (_, _, _) => throw new FileNotFoundException("No manifest at s3://sparkify/log_data.");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, S3Copy));

        Assert.Equal(("38000", "The statement interceptor failed: FileNotFoundException: No manifest at s3://sparkify/log_data."), (error.SqlState, error.MessageText));
        Assert.Equal(1, await ScalarAsync(connection, "select 1"));
    }

    [Fact]
    public async Task A_prepared_intercepted_statement_runs_at_each_execution_and_is_parsed_once()
    {
        await using var connection = await OpenAsync();
        _interceptor.Script = (_, _, _) => Task.FromResult(InterceptedResult.Success("COPY 4"));
        await using var copy = new NpgsqlCommand(S3Copy, connection);
        await copy.PrepareAsync(Cancellation);
        _proxy.Read();

        var rows = new[] { await copy.ExecuteNonQueryAsync(Cancellation), await copy.ExecuteNonQueryAsync(Cancellation) };
        await copy.UnprepareAsync(Cancellation);

        Assert.Equal([4, 4], rows);
        Assert.Equal(2, _interceptor.Runs);
        Assert.Empty(_proxy.Read());
        Assert.Equal(1, await ScalarAsync(connection, "select 1"));
    }

    [Fact]
    public async Task Statements_batched_around_an_intercepted_one_run_before_and_after_it()
    {
        await using var connection = await OpenAsync();
        _interceptor.Script = async (_, session, cancellationToken) =>
        {
            await session.QueryAsync("insert into steps (step) values ('intercepted')", cancellationToken);
            return InterceptedResult.Success("COPY 5");
        };
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);

        var rows = await ExecuteAsync(connection, $"insert into steps (step) values ('before'); {S3Copy}; insert into steps (step) values ('after')");
        await transaction.CommitAsync(Cancellation);

        Assert.Equal(7, rows);
        Assert.Equal("before,intercepted,after", await _database.ScalarAsync<string>("select string_agg(step, ',' order by n) from steps"));
    }

    [Fact]
    public async Task An_error_earlier_in_a_batch_skips_the_intercepted_statement_and_the_rest()
    {
        await using var connection = await OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, $"select 1 / 0; {S3Copy}; insert into steps (step) values ('after')"));

        Assert.Equal(PostgresErrorCodes.DivisionByZero, error.SqlState);
        Assert.Equal(0, _interceptor.Runs);
        Assert.Equal(0, await _database.ScalarAsync<long>("select count(*) from steps"));
        Assert.Equal(1, await ScalarAsync(connection, "select 1"));
    }

    [Fact]
    public async Task The_statement_log_holds_each_session_s_statements_under_its_application_name_in_arrival_order()
    {
        await using var first = await OpenAsync("first");
        await using var second = await OpenAsync("second");
        _proxy.Read(); // what Npgsql ran for itself on opening

        await ScalarAsync(first, "select 1");
        await ScalarAsync(second, "select 2");
        await ExecuteAsync(first, S3Copy);

        Assert.Equal([new("first", "select 1"), new("second", "select 2"), new("first", S3Copy)], _proxy.Read());
        Assert.Empty(_proxy.Read());
        Assert.Equal(new LoggedStatement("first", S3Copy), _proxy.Log[^1]);
    }

    [Fact]
    public async Task A_refused_parameterized_statement_fails_with_the_rule_s_message_and_nothing_runs()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        await using var refused = new NpgsqlCommand("with added as (insert into events values (@id, 'refused') returning id) select id from added", connection)
        {
            Parameters = { new("id", 1) },
        };

        var error = await Assert.ThrowsAsync<PostgresException>(() => refused.ExecuteScalarAsync(Cancellation));
        var next = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, "select 1"));

        Assert.Equal(("0A000", RefusalMessage), (error.SqlState, error.MessageText));
        Assert.Equal(PostgresErrorCodes.InFailedSqlTransaction, next.SqlState);
        await transaction.RollbackAsync(Cancellation);
        Assert.Equal(0, await _database.ScalarAsync<long>("select count(*) from events"));
    }

    [Fact]
    public async Task A_command_cancelled_with_Cancel_ends_quickly_and_the_connection_goes_on()
    {
        await using var connection = await OpenAsync();
        await using var sleep = new NpgsqlCommand("select pg_sleep(30)", connection);
        var clock = Stopwatch.StartNew();

        var running = sleep.ExecuteNonQueryAsync(Cancellation);
        await WaitUntilAsync($"select state = 'active' and query like 'select pg_sleep%' from pg_stat_activity where pid = {connection.ProcessID}");
        sleep.Cancel();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => running.WaitAsync(Bound, Cancellation));

        Assert.True(IsQueryCancelled(error), error.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Bound);
        Assert.Equal(1, await ScalarAsync(connection, "select 1"));
    }

    [Fact]
    public async Task A_command_cancelled_by_its_token_ends_quickly_and_the_connection_goes_on()
    {
        await using var connection = await OpenAsync();
        await using var sleep = new NpgsqlCommand("select pg_sleep(30)", connection);
        using var cancelling = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var clock = Stopwatch.StartNew();

        var running = sleep.ExecuteNonQueryAsync(cancelling.Token);
        await WaitUntilAsync($"select state = 'active' and query like 'select pg_sleep%' from pg_stat_activity where pid = {connection.ProcessID}");
        await cancelling.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Bound, Cancellation));

        Assert.True(IsQueryCancelled(error), error.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Bound);
        Assert.Equal(1, await ScalarAsync(connection, "select 1"));
    }

    [Fact]
    public async Task Two_sessions_at_once_one_waits_for_the_other_s_lock_and_then_proceeds()
    {
        await using var holder = await OpenAsync("holder");
        await using var waiter = await OpenAsync("waiter");
        await using var held = await holder.BeginTransactionAsync(Cancellation);
        await ExecuteAsync(holder, "lock table events in access exclusive mode");
        await using var waiting = await waiter.BeginTransactionAsync(Cancellation);

        var locking = ExecuteAsync(waiter, "lock table events in access exclusive mode");
        await WaitUntilAsync($"select {holder.ProcessID} = any(pg_blocking_pids({waiter.ProcessID}))");
        Assert.False(locking.IsCompleted);
        Assert.Equal(1, await ScalarAsync(holder, "select 1"));
        await held.CommitAsync(Cancellation);

        await locking.WaitAsync(Bound, Cancellation);
        await ExecuteAsync(waiter, "insert into events values (1, 'after the lock')");
        await waiting.CommitAsync(Cancellation);
        Assert.Equal(1, await _database.ScalarAsync<long>("select count(*) from events"));
    }

    [Fact]
    public async Task A_notification_reaches_a_listening_client_while_it_sends_nothing()
    {
        await using var listener = await OpenAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await ExecuteAsync(listener, "listen load_done");

        await _database.ExecuteAsync("notify load_done, 'run 7'");

        Assert.True(await listener.WaitAsync(Bound, Cancellation));
        Assert.Equal(["run 7"], payloads);
    }

    [Fact]
    public async Task GSS_encryption_is_declined_and_TLS_granted_with_a_certificate_for_localhost_and_127_0_0_1()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(_proxy.Host, _proxy.Port, Cancellation);
        var stream = socket.GetStream();
        var answers = new List<char>();
        foreach (var request in new[] { 80877104, 80877103 }) // GSSENCRequest, then SSLRequest
        {
            var packet = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(packet, 8);
            BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(4), request);
            await stream.WriteAsync(packet, Cancellation);
            answers.Add((char)stream.ReadByte());
        }
        X509Certificate2? presented = null;
        var errors = SslPolicyErrors.None;
        // Accepted when the only fault is the chain's: the name is right, the certificate is self-signed.
        await using var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, policyErrors) =>
        {
            (presented, errors) = (new X509Certificate2(certificate!), policyErrors);
            return policyErrors == SslPolicyErrors.RemoteCertificateChainErrors;
        });

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, Cancellation);

        Assert.Equal(['N', 'S'], answers);
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, errors);
        Assert.Equal("CN=localhost", presented!.Subject);
        var alternativeNames = presented.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal([IPAddress.Loopback], alternativeNames.EnumerateIPAddresses());
        Assert.Equal(["localhost"], alternativeNames.EnumerateDnsNames());
    }

    [Fact]
    public async Task A_SCRAM_password_login_passes_through_and_a_wrong_password_is_refused()
    {
        await using var role = await LoginRole.CreateAsync();

        await using var connection = new NpgsqlConnection(ThroughProxy(role.ConnectionString(_database.Name, role.Password)));
        await connection.OpenAsync(Cancellation);
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            new NpgsqlConnection(ThroughProxy(role.ConnectionString(_database.Name, "not the password"))).OpenAsync(Cancellation));

        Assert.Equal(role.Name, await ScalarAsync(connection, "select current_user"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        Assert.DoesNotContain(_proxy.Log, s => s.Sql.Contains(role.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disposing_the_proxy_closes_both_sides_of_its_sessions()
    {
        await using var proxy = await StartProxyAsync();
        await using var connection = new NpgsqlConnection(ThroughProxy(_database.ConnectionString, proxy));
        await connection.OpenAsync(Cancellation);
        var backend = connection.ProcessID;

        await proxy.DisposeAsync();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(connection, "select 1"));
        await WaitUntilAsync($"select not exists (select from pg_stat_activity where pid = {backend})");
    }

    [Fact]
    public async Task A_client_of_a_proxy_whose_upstream_is_down_is_told_so()
    {
        int closedPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using var proxy = await WireProxy.StartAsync($"Host=127.0.0.1;Port={closedPort};Username=nobody", _interceptor);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            new NpgsqlConnection(ThroughProxy(_database.ConnectionString, proxy)).OpenAsync(Cancellation));

        Assert.Equal("08001", error.SqlState);
        Assert.Contains($"cannot reach its upstream server at 127.0.0.1:{closedPort}", error.MessageText, StringComparison.Ordinal);
    }

    private Task<WireProxy> StartProxyAsync() =>
        WireProxy.StartAsync(_database.ConnectionString, _interceptor, (sql, _) => RedshiftBindsParameters(sql) ? null : RefusalMessage);

    /// <summary>
    /// Redshift's PREPARE documents parameters for these four statements only. The statement's first word is after
    /// any leading comments: the loader's SQL files open with one.
    /// </summary>
    private static bool RedshiftBindsParameters(string sql) =>
        LeadingWord().Match(sql).Groups["word"].Value.ToLowerInvariant() is "select" or "insert" or "update" or "delete";

    [GeneratedRegex(@"^(\s+|--[^\n]*\n|/\*.*?\*/)*(?<word>\w+)", RegexOptions.Singleline)]
    private static partial Regex LeadingWord();

    private string ThroughProxy(string connectionString, WireProxy? proxy = null) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = (proxy ?? _proxy).Host,
            Port = (proxy ?? _proxy).Port,
            SslMode = SslMode.Require, // as the loader connects to Redshift
        }.ConnectionString;

    private async Task<NpgsqlConnection> OpenAsync(string application = "wire-proxy-tests")
    {
        var connection = new NpgsqlConnection(ThroughProxy(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { ApplicationName = application }.ConnectionString));
        await connection.OpenAsync(Cancellation);
        return connection;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(Cancellation);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Cancellation);
    }

    /// <summary>Polls the server (directly, not through the proxy) until a condition holds; fails if it does not within the bound.</summary>
    private async Task WaitUntilAsync(string condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await _database.ScalarAsync<bool>(condition))
        {
            Assert.True(clock.Elapsed < Bound, $"Still not true after {Bound}: {condition}");
            await Task.Delay(20, Cancellation);
        }
    }

    private static bool IsQueryCancelled(Exception error) =>
        (error as PostgresException ?? error.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.QueryCanceled;

    private static IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(params string[] parts) =>
        parts.Select(part => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(part)).ToAsyncEnumerable();

    /// <summary>Intercepts Redshift's COPY from S3 and runs what the test scripts for it.</summary>
    private sealed class ScriptedInterceptor : IStatementInterceptor
    {
        private int _runs;

        public Func<string, IUpstreamSession, CancellationToken, Task<InterceptedResult>> Script { get; set; } =
            (_, _, _) => Task.FromResult(InterceptedResult.Success("COPY 0"));

        public int Runs => _runs;

        public bool Handles(string sql) => sql.Contains("from 's3://", StringComparison.Ordinal);

        public Task<InterceptedResult> RunAsync(string sql, IUpstreamSession session, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return Script(sql, session, cancellationToken);
        }
    }
}
