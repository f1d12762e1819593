namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// Both ends of one relayed session, and the upstream session's transaction status as of the last ReadyForQuery taken
/// from it (by the relay or by an interceptor's statement alike).
/// </summary>
internal sealed class SessionPeers(WirePeer client, WirePeer upstream)
{
    private Task<bool>? _clientWaiting;
    private Task<bool>? _upstreamWaiting;

    public WirePeer Client => client;

    public WirePeer Upstream => upstream;

    /// <summary>'I' idle, 'T' in a transaction block, 'E' in a failed one.</summary>
    public char TransactionStatus { get; private set; } = 'I';

    public async Task<WireMessage> ReceiveClientAsync(CancellationToken cancellationToken) =>
        await client.ReceiveAsync(cancellationToken);

    public async Task<WireMessage> ReceiveUpstreamAsync(CancellationToken cancellationToken) =>
        Track(await upstream.ReceiveAsync(cancellationToken));

    /// <summary>The next message from whichever end speaks first; the upstream's first when both have.</summary>
    public async Task<(bool FromClient, WireMessage Message)> ReceiveEitherAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (upstream.Incoming.TryRead(out var fromUpstream))
                return (false, Track(fromUpstream));
            if (client.Incoming.TryRead(out var fromClient))
                return (true, fromClient);
            // A wait that did not finish is kept for the next call: a fresh one each time would pile up on a quiet end.
            _clientWaiting ??= client.Incoming.WaitToReadAsync(cancellationToken).AsTask();
            _upstreamWaiting ??= upstream.Incoming.WaitToReadAsync(cancellationToken).AsTask();
            var first = await Task.WhenAny(_clientWaiting, _upstreamWaiting);
            var clientSpoke = first == _clientWaiting;
            if (clientSpoke)
                _clientWaiting = null;
            else
                _upstreamWaiting = null;
            if (!await first)
                throw new EndOfStreamException(clientSpoke ? "The client closed the connection." : "The upstream server closed the connection.");
        }
    }

    private WireMessage Track(WireMessage message)
    {
        if (message.Type == 'Z')
            TransactionStatus = (char)message.Body[0];
        return message;
    }
}
