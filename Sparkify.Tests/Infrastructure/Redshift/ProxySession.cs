using Npgsql;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// The message loop of one logged-in session: relays the client's messages upstream and the answers back, except the
/// statements the interceptor runs and those the parameter rule refuses, which the proxy answers itself.
/// </summary>
/// <remarks>
/// A batch of extended-protocol messages (up to the client's Sync) goes upstream as it arrives. Before the proxy answers
/// anything itself, it ends the part sent so far with a Sync of its own and relays its answers, so that every answer
/// reaches the client in order; the upstream's ReadyForQuery for that Sync is kept back, the client gets one per batch.
/// This makes each part of a batch its own implicit transaction where PostgreSQL would run the whole batch as one: the
/// loader never relies on that (it runs a load in a transaction block of its own: RunTransaction). As in PostgreSQL, an
/// error ends the batch: what the client sends after it, up to its Sync, is dropped.
/// </remarks>
internal sealed class ProxySession(
    SessionPeers peers,
    UpstreamSession upstream,
    IStatementInterceptor interceptor,
    Func<string, int, string?>? refuseParameters)
{
    private const char InFailedTransaction = 'E';

    private readonly StatementRegistry _statements = new();

    /// <summary>Messages of the client's batch went upstream since the last Sync: their answers end with a ReadyForQuery still to come.</summary>
    private bool _sentSinceSync;

    /// <summary>An error ended the client's batch: PostgreSQL ignores what follows until the batch's Sync.</summary>
    private bool _batchFailed;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await NextClientMessageAsync(cancellationToken);
            if (_batchFailed && message.Type is not ('S' or 'X'))
                continue;
            switch (message.Type)
            {
                case 'X':
                    await peers.Upstream.SendAsync(message, cancellationToken);
                    return;
                case 'S':
                    await EndBatchAsync(cancellationToken);
                    break;
                case 'Q':
                    await QueryAsync(message, cancellationToken);
                    break;
                case 'P':
                    await ParseAsync(message, cancellationToken);
                    break;
                case 'B':
                    await BindAsync(message, cancellationToken);
                    break;
                case 'D':
                    await DescribeAsync(message, cancellationToken);
                    break;
                case 'E':
                    await ExecuteAsync(message, cancellationToken);
                    break;
                case 'C':
                    await CloseAsync(message, cancellationToken);
                    break;
                default:
                    // Flush; and CopyData, CopyDone or CopyFail the client still sends after a COPY failed (PostgreSQL drops them).
                    await SendUpstreamAsync(message, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Waits for the client, relaying meanwhile what the upstream sends: answers to a Flush, notices, notifications.</summary>
    private async Task<WireMessage> NextClientMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (fromClient, message) = await peers.ReceiveEitherAsync(cancellationToken);
            if (fromClient)
                return message;
            await RelayAsync(message, cancellationToken);
        }
    }

    private async Task QueryAsync(WireMessage query, CancellationToken cancellationToken)
    {
        var sql = query.Read().CString();
        if (interceptor.Handles(sql))
        {
            await RunInterceptedAsync(sql, cancellationToken);
            await peers.Client.SendAsync(BackendMessages.ReadyForQuery(peers.TransactionStatus), cancellationToken);
        }
        else
        {
            await peers.Upstream.SendAsync(query, cancellationToken);
            await AwaitReadyAsync(relayReady: true, cancellationToken);
        }
        _batchFailed = false;
    }

    private async Task ParseAsync(WireMessage parse, CancellationToken cancellationToken)
    {
        var body = parse.Read();
        var name = body.CString();
        var sql = body.CString();
        var intercepted = interceptor.Handles(sql);
        _statements.Parse(name, sql, intercepted);
        if (intercepted)
            await AnswerAsync([BackendMessages.ParseComplete], cancellationToken);
        else
            await SendUpstreamAsync(parse, cancellationToken);
    }

    private async Task BindAsync(WireMessage bind, CancellationToken cancellationToken)
    {
        var body = bind.Read();
        var portal = body.CString();
        var statement = body.CString();
        body.Skip(2 * body.Int16()); // the parameters' format codes
        // The values' count, not the Parse's declared types: a client may leave types for the server to infer, but
        // must bind a value to every parameter the statement has.
        var parameterCount = body.Int16();
        _statements.Bind(portal, statement);
        if (_statements.InterceptedStatement(statement) is not null)
            await AnswerAsync([BackendMessages.BindComplete], cancellationToken);
        else if (parameterCount > 0 && _statements.UpstreamStatement(statement) is { } sql && refuseParameters?.Invoke(sql, parameterCount) is { } refusal)
        {
            // 0A000 feature_not_supported: what a server that cannot run the statement with parameters answers.
            if (await EndUpstreamPartAsync(cancellationToken))
                await FailAsync(new InterceptedError("0A000", refusal, null), cancellationToken);
        }
        else
            await SendUpstreamAsync(bind, cancellationToken);
    }

    private async Task DescribeAsync(WireMessage describe, CancellationToken cancellationToken)
    {
        var body = describe.Read();
        var kind = (char)body.Byte();
        var name = body.CString();
        // An intercepted statement takes no parameters and returns no rows.
        if (kind == 'S' && _statements.InterceptedStatement(name) is not null)
            await AnswerAsync([BackendMessages.NoParameters, BackendMessages.NoData], cancellationToken);
        else if (kind == 'P' && _statements.InterceptedPortal(name) is not null)
            await AnswerAsync([BackendMessages.NoData], cancellationToken);
        else
            await SendUpstreamAsync(describe, cancellationToken);
    }

    private async Task ExecuteAsync(WireMessage execute, CancellationToken cancellationToken)
    {
        if (_statements.InterceptedPortal(execute.Read().CString()) is { } sql)
        {
            if (await EndUpstreamPartAsync(cancellationToken))
                await RunInterceptedAsync(sql, cancellationToken);
        }
        else
            await SendUpstreamAsync(execute, cancellationToken);
    }

    private async Task CloseAsync(WireMessage close, CancellationToken cancellationToken)
    {
        var body = close.Read();
        var kind = (char)body.Byte();
        if (_statements.Close(kind, body.CString()))
            await AnswerAsync([BackendMessages.CloseComplete], cancellationToken);
        else
            await SendUpstreamAsync(close, cancellationToken);
    }

    /// <summary>The client's Sync: the batch's one ReadyForQuery, the upstream's if a part of the batch is still open there.</summary>
    private async Task EndBatchAsync(CancellationToken cancellationToken)
    {
        if (_sentSinceSync)
        {
            await peers.Upstream.SendAsync(FrontendMessages.Sync, cancellationToken);
            await AwaitReadyAsync(relayReady: true, cancellationToken);
        }
        else
            await peers.Client.SendAsync(BackendMessages.ReadyForQuery(peers.TransactionStatus), cancellationToken);
        _batchFailed = false;
    }

    private async Task RunInterceptedAsync(string sql, CancellationToken cancellationToken)
    {
        if (peers.TransactionStatus == InFailedTransaction)
        {
            // PostgreSQL refuses any statement in an aborted transaction (25P02); any statement sent up gets its own words for it.
            await FailUpstreamAsync("select", cancellationToken);
            return;
        }
        var result = await InterceptAsync(sql, cancellationToken);
        if (result.Error is { } error)
        {
            await FailAsync(error, cancellationToken);
            return;
        }
        foreach (var notice in result.Notices)
            await peers.Client.SendAsync(BackendMessages.Notice(notice), cancellationToken);
        await peers.Client.SendAsync(BackendMessages.CommandComplete(result.CommandTag!), cancellationToken);
    }

    private async Task<InterceptedResult> InterceptAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            return await interceptor.RunAsync(sql, upstream, cancellationToken);
        }
        catch (PostgresException e) when (!upstream.Unfinished)
        {
            return InterceptedResult.Failure(e.SqlState, e.MessageText, e.Detail);
        }
        catch (Exception e) when (e is not OperationCanceledException && !upstream.Unfinished)
        {
            // 38000 external_routine_exception: a fault of the test's own stand-in, told to the client that met it. Not
            // XX000, on which Npgsql breaks the connection (it takes the class for a dying server).
            return InterceptedResult.Failure("38000", $"The statement interceptor failed: {e.GetType().Name}: {e.Message}", e.StackTrace);
        }
    }

    /// <summary>
    /// Leaves the session as the failed statement would have: PostgreSQL raises the error itself (aborting a transaction
    /// block) and its ErrorResponse is what the client gets. In a transaction the interceptor's own failed statement
    /// already aborted, PostgreSQL would refuse the raise, so the proxy words the error.
    /// </summary>
    private async Task FailAsync(InterceptedError error, CancellationToken cancellationToken)
    {
        if (peers.TransactionStatus == InFailedTransaction)
        {
            _batchFailed = true;
            await peers.Client.SendAsync(BackendMessages.Error(error), cancellationToken);
        }
        else
            await FailUpstreamAsync(RaiseStatement.For(error), cancellationToken);
    }

    /// <summary>Runs a statement upstream that fails, relaying its ErrorResponse; the batch is failed.</summary>
    private async Task FailUpstreamAsync(string sql, CancellationToken cancellationToken)
    {
        _batchFailed = true;
        await peers.Upstream.SendAsync(FrontendMessages.Query(sql), cancellationToken);
        await AwaitReadyAsync(relayReady: false, cancellationToken);
    }

    /// <summary>Answers the client from the proxy, after the answers to what went upstream before.</summary>
    private async Task AnswerAsync(IEnumerable<WireMessage> answers, CancellationToken cancellationToken)
    {
        if (!await EndUpstreamPartAsync(cancellationToken))
            return;
        foreach (var answer in answers)
            await peers.Client.SendAsync(answer, cancellationToken);
    }

    /// <summary>
    /// Ends the part of the batch that went upstream with a Sync of the proxy's and relays the answers (keeping back the
    /// ReadyForQuery); returns whether the batch goes on, that is, the part had no error.
    /// </summary>
    private async Task<bool> EndUpstreamPartAsync(CancellationToken cancellationToken)
    {
        if (_sentSinceSync)
        {
            await peers.Upstream.SendAsync(FrontendMessages.Sync, cancellationToken);
            await AwaitReadyAsync(relayReady: false, cancellationToken);
        }
        return !_batchFailed;
    }

    private async Task SendUpstreamAsync(WireMessage message, CancellationToken cancellationToken)
    {
        _sentSinceSync = true;
        await peers.Upstream.SendAsync(message, cancellationToken);
    }

    /// <summary>Relays the upstream's answers up to its ReadyForQuery, and the client's COPY data if it asks for some.</summary>
    private async Task AwaitReadyAsync(bool relayReady, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await peers.ReceiveUpstreamAsync(cancellationToken);
            if (message.Type == 'Z')
            {
                _sentSinceSync = false;
                if (relayReady)
                    await peers.Client.SendAsync(message, cancellationToken);
                return;
            }
            await RelayAsync(message, cancellationToken);
            if (message.Type == 'G')
                await RelayCopyInAsync(cancellationToken);
        }
    }

    /// <summary>
    /// After CopyInResponse: the client's CopyData go upstream until its CopyDone or CopyFail, or until the upstream ends
    /// the COPY first with an error (PostgreSQL then drops what the client still sends).
    /// </summary>
    private async Task RelayCopyInAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (fromClient, message) = await peers.ReceiveEitherAsync(cancellationToken);
            if (fromClient)
            {
                await peers.Upstream.SendAsync(message, cancellationToken);
                if (message.Type is 'c' or 'f')
                    return;
            }
            else
            {
                await RelayAsync(message, cancellationToken);
                if (message.Type == 'E')
                    return;
            }
        }
    }

    private async Task RelayAsync(WireMessage message, CancellationToken cancellationToken)
    {
        if (message.Type == 'E' && _sentSinceSync)
            _batchFailed = true;
        await peers.Client.SendAsync(message, cancellationToken);
    }
}
