using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// The requests a client may make before its StartupMessage: TLS (granted, with the proxy's certificate), GSS encryption
/// (declined) and cancelling another session's statement (passed on to the upstream server).
/// See https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL.
/// </summary>
internal static class ClientNegotiation
{
    /// <summary>
    /// Runs the requests until the StartupMessage, which it returns with the stream to go on with (TLS, if the client
    /// asked); the StartupMessage is null when the connection has nothing more to do (a cancel request, or an early close).
    /// </summary>
    public static async Task<(Stream Stream, StartupPacket? Startup)> RunAsync(
        Stream stream, X509Certificate2 certificate, UpstreamAddress upstream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var packet = await StartupPacket.ReadAsync(stream, cancellationToken);
            switch (packet?.Code)
            {
                case null:
                    return (stream, null);
                case StartupPacket.SslRequestCode when stream is not SslStream:
                    await stream.WriteAsync("S"u8.ToArray(), cancellationToken);
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, cancellationToken);
                    stream = tls;
                    break;
                case StartupPacket.GssEncryptionRequestCode:
                    await stream.WriteAsync("N"u8.ToArray(), cancellationToken);
                    break;
                case StartupPacket.CancelRequestCode:
                    await ForwardCancelAsync(packet, upstream, cancellationToken);
                    return (stream, null);
                default:
                    return (stream, packet);
            }
        }
    }

    /// <summary>
    /// The request names the backend by the process id and key the client got from it (relayed unchanged), so the
    /// upstream server can act on it as it is.
    /// </summary>
    private static async Task ForwardCancelAsync(StartupPacket cancel, UpstreamAddress upstream, CancellationToken cancellationToken)
    {
        using var socket = await upstream.ConnectAsync(cancellationToken);
        await using var server = new NetworkStream(socket);
        await server.WriteAsync(cancel.Encode(), cancellationToken);
        // PostgreSQL closes the connection once it has signalled the backend; closing the client's only then keeps
        // Npgsql's promise that the cancel was delivered when Cancel() returns.
        await server.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, cancellationToken);
    }
}
