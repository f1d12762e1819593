using System.Net.Sockets;
using System.Text;

namespace Sparkify.Loader.Server;

/// <summary>Whether a Docker engine answers here, so that Testcontainers can start a PostgreSQL container.</summary>
internal static class DockerEngine
{
    /// <summary>Pings the engine at <c>DOCKER_HOST</c> (unix:// or tcp://) or <c>/var/run/docker.sock</c>.</summary>
    public static async Task<bool> AnswersAsync(CancellationToken cancellationToken = default)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } configured ? configured : "unix:///var/run/docker.sock";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var socket = await ConnectAsync(new Uri(host), timeout.Token);
            if (socket is null)
                return false;
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"), timeout.Token);
            var buffer = new byte[512];
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.", StringComparison.Ordinal)
                && Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or UriFormatException)
        {
            return false;
        }
    }

    private static async Task<Socket?> ConnectAsync(Uri host, CancellationToken cancellationToken)
    {
        switch (host.Scheme)
        {
            case "unix" when File.Exists(host.AbsolutePath):
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(host.AbsolutePath), cancellationToken);
                return unix;
            case "tcp":
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await tcp.ConnectAsync(host.Host, host.Port, cancellationToken);
                return tcp;
            default:
                return null;
        }
    }
}
