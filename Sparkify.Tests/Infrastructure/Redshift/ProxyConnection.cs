using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Channels;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>One client connection, from its first byte to its close: negotiation, login, then the session's message loop.</summary>
internal static class ProxyConnection
{
    /// <summary>Serves the client until either side closes or <paramref name="cancellationToken"/> fires; then closes both sides.</summary>
    public static async Task ServeAsync(Socket clientSocket, ProxySettings settings, CancellationToken cancellationToken)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Socket? upstreamSocket = null;
        SessionPeers? peers = null;
        try
        {
            var (clientStream, startup) = await ClientNegotiation.RunAsync(new NetworkStream(clientSocket), settings.Certificate, settings.Upstream, ending.Token);
            await using (clientStream)
            {
                if (startup is null)
                    return;
                upstreamSocket = await ConnectUpstreamAsync(clientStream, settings.Upstream, ending.Token);
                await using var upstreamStream = new NetworkStream(upstreamSocket);
                peers = new SessionPeers(new WirePeer(clientStream), new WirePeer(upstreamStream));
                var parameters = StartupParameters.Parse(startup);
                // Logged as they arrive, not as the session gets to them, so that the log's order across sessions is arrival order.
                peers.Client.StartReading(ending.Token, message =>
                {
                    if (ClientMessages.StatementText(message) is { } sql)
                        settings.Log.Add(new LoggedStatement(parameters.ApplicationName, sql));
                });
                peers.Upstream.StartReading(ending.Token);
                if (await AuthenticationRelay.RunAsync(peers, startup, ending.Token) is not { } processId)
                    return;
                var upstream = new UpstreamSession(peers, parameters, processId);
                await new ProxySession(peers, upstream, settings.Interceptor, settings.RefuseParameters).RunAsync(ending.Token);
            }
        }
        catch (Exception e) when (ending.IsCancellationRequested || e is IOException or SocketException or EndOfStreamException
                                      or InvalidDataException or AuthenticationException or ChannelClosedException)
        {
            // A connection ends how it ends: a close, a reset, the proxy stopping. Either side sees its peer close.
        }
        finally
        {
            await ending.CancelAsync();
            clientSocket.Dispose();
            upstreamSocket?.Dispose();
            if (peers is not null)
                await Task.WhenAll(peers.Client.Reading, peers.Upstream.Reading);
        }
    }

    /// <summary>
    /// Connects to the upstream server; if it cannot be reached, tells the client so, as a server refusing a login
    /// would, instead of only closing on it.
    /// </summary>
    private static async Task<Socket> ConnectUpstreamAsync(Stream client, UpstreamAddress upstream, CancellationToken cancellationToken)
    {
        try
        {
            return await upstream.ConnectAsync(cancellationToken);
        }
        catch (SocketException e)
        {
            // 08001 sqlclient_unable_to_establish_sqlconnection.
            var message = $"The wire proxy cannot reach its upstream server at {upstream.Host}:{upstream.Port}: {e.Message}";
            await client.WriteAsync(BackendMessages.Fatal("08001", message).Encode(), cancellationToken);
            throw;
        }
    }
}
