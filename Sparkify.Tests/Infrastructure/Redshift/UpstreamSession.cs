using System.Globalization;
using System.Text;
using Npgsql;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>The client's upstream backend as an interceptor uses it: statements of its own, on the client's session.</summary>
internal sealed class UpstreamSession(SessionPeers peers, StartupParameters startup, int backendProcessId) : IUpstreamSession
{
    public int BackendProcessId => backendProcessId;

    public string Database => startup.Database;

    public string User => startup.User;

    public string ApplicationName => startup.ApplicationName;

    /// <summary>
    /// Whether a statement of the interceptor's was left unfinished (its caller cancelled or failed midway): the
    /// upstream conversation then cannot go on, and the proxy ends the client's session.
    /// </summary>
    public bool Unfinished { get; private set; }

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        Unfinished = true;
        await peers.Upstream.SendAsync(FrontendMessages.Query(sql), cancellationToken);
        var rows = new List<object?[]>();
        PostgresException? error = null;
        while (true)
        {
            var message = await peers.ReceiveUpstreamAsync(cancellationToken);
            switch (message.Type)
            {
                case 'T':
                    rows = [];
                    break;
                case 'D':
                    rows.Add(DataRow(message));
                    break;
                case 'E':
                    error ??= UpstreamError.ToException(message);
                    break;
                case 'G':
                    await peers.Upstream.SendAsync(FrontendMessages.CopyFail($"{nameof(QueryAsync)} sends no COPY data: use {nameof(CopyInAsync)}."), cancellationToken);
                    break;
                case 'Z':
                    Unfinished = false;
                    return error is null ? rows : throw error;
                default:
                    await RelaySessionNewsAsync(message, cancellationToken);
                    break;
            }
        }
    }

    public async Task<long> CopyInAsync(string copyFromStdinSql, IAsyncEnumerable<ReadOnlyMemory<byte>> data, CancellationToken cancellationToken)
    {
        Unfinished = true;
        await peers.Upstream.SendAsync(FrontendMessages.Query(copyFromStdinSql), cancellationToken);
        if (await UntilCopyInAsync(cancellationToken) is { } refused)
        {
            Unfinished = false;
            throw refused;
        }
        try
        {
            await foreach (var chunk in data.WithCancellation(cancellationToken))
                await peers.Upstream.SendAsync(FrontendMessages.CopyData(chunk.Span), cancellationToken);
            await peers.Upstream.SendAsync(FrontendMessages.CopyDone, cancellationToken);
        }
        catch (Exception e) when (e is not IOException)
        {
            // The data could not be read: the COPY fails upstream as it would for a client, aborting the transaction.
            await peers.Upstream.SendAsync(FrontendMessages.CopyFail(e.Message), cancellationToken);
            await UntilReadyAsync(cancellationToken);
            Unfinished = false;
            throw;
        }
        var (tag, error) = await UntilReadyAsync(cancellationToken);
        Unfinished = false;
        if (error is not null)
            throw error;
        return tag is not null && tag.StartsWith("COPY ", StringComparison.Ordinal) ? long.Parse(tag.AsSpan(5), CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"'{copyFromStdinSql}' completed with the tag '{tag}', not COPY and a row count.");
    }

    /// <summary>Waits for CopyInResponse; returns the error if the statement failed instead (or was no COPY FROM STDIN).</summary>
    private async Task<Exception?> UntilCopyInAsync(CancellationToken cancellationToken)
    {
        PostgresException? error = null;
        while (true)
        {
            var message = await peers.ReceiveUpstreamAsync(cancellationToken);
            switch (message.Type)
            {
                case 'G':
                    return null;
                case 'E':
                    error ??= UpstreamError.ToException(message);
                    break;
                case 'Z':
                    return (Exception?)error ?? new InvalidOperationException($"{nameof(CopyInAsync)} runs COPY … FROM STDIN, which this is not: {message}.");
                default:
                    await RelaySessionNewsAsync(message, cancellationToken);
                    break;
            }
        }
    }

    private async Task<(string? Tag, PostgresException? Error)> UntilReadyAsync(CancellationToken cancellationToken)
    {
        string? tag = null;
        PostgresException? error = null;
        while (true)
        {
            var message = await peers.ReceiveUpstreamAsync(cancellationToken);
            switch (message.Type)
            {
                case 'C':
                    tag = message.Read().CString();
                    break;
                case 'E':
                    error ??= UpstreamError.ToException(message);
                    break;
                case 'Z':
                    return (tag, error);
                default:
                    await RelaySessionNewsAsync(message, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>
    /// A parameter the session changed, or a notification, concerns the client as much as if its own statement had
    /// caused it. The interceptor's notices and command tags are its own business: it reports what the client sees.
    /// </summary>
    private async Task RelaySessionNewsAsync(WireMessage message, CancellationToken cancellationToken)
    {
        if (message.Type is 'S' or 'A')
            await peers.Client.SendAsync(message, cancellationToken);
    }

    private static object?[] DataRow(WireMessage message)
    {
        var body = message.Read();
        var values = new object?[body.Int16()];
        for (var i = 0; i < values.Length; i++)
        {
            var length = body.Int32();
            values[i] = length < 0 ? null : Encoding.UTF8.GetString(body.Bytes(length));
        }
        return values;
    }
}
