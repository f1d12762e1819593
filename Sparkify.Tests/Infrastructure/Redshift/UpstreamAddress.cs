using System.Net.Sockets;
using Npgsql;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// Where the upstream server listens. Only the place: who logs in, to which database, is what each client's own
/// StartupMessage says, passed on unchanged.
/// </summary>
internal sealed record UpstreamAddress(string Host, int Port)
{
    public static UpstreamAddress FromConnectionString(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var host = settings.Host ?? throw new ArgumentException("The upstream connection string names no host.", nameof(connectionString));
        if (host.Contains(',', StringComparison.Ordinal))
            throw new ArgumentException($"The upstream connection string names several hosts ({host}); the proxy relays to one.", nameof(connectionString));
        return new UpstreamAddress(host, settings.Port);
    }

    /// <summary>A plain TCP connection: the upstream leg has no TLS, so PostgreSQL never offers SCRAM channel binding on it.</summary>
    public async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(Host, Port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
