using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Sparkify.Server;

/// <summary>What the Docker engine here, if any, can do for Testcontainers.</summary>
/// <param name="Usable">It answers and speaks an API version Testcontainers accepts.</param>
/// <param name="Why">When not usable, why: for the error that says how to get a server.</param>
public sealed record DockerProbe(bool Usable, string Why);

/// <summary>Asks the Docker engine at <c>DOCKER_HOST</c> (unix:// or tcp://) or <c>/var/run/docker.sock</c> what it is.</summary>
/// <remarks>
/// An engine that answers is not enough: Testcontainers 4 needs Docker API 1.44 or newer, and an older engine (Debian
/// 12's own docker.io 20.10 speaks 1.41) fails every container start.
/// </remarks>
internal static partial class DockerEngine
{
    /// <summary>The oldest Docker API Testcontainers 4 works with.</summary>
    public static readonly Version MinimumApi = new(1, 44);

    /// <param name="host">The engine's address; by default <c>DOCKER_HOST</c>, else the usual socket.</param>
    public static async Task<DockerProbe> ProbeAsync(string? host = null, CancellationToken cancellationToken = default)
    {
        host ??= Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } configured ? configured : "unix:///var/run/docker.sock";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            var version = await GetAsync(new Uri(host), "/version", timeout.Token);
            if (version is null)
                return new(false, $"no Docker engine answers at {host}");
            if (ApiVersion().Match(version) is not { Success: true } match)
                return new(false, $"the Docker engine at {host} did not say its API version");
            var api = Version.Parse(match.Groups[1].Value);
            return api >= MinimumApi
                ? new(true, "")
                : new(false, $"the Docker engine at {host} speaks API {api}, older than the {MinimumApi} Testcontainers needs");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or UriFormatException or FormatException)
        {
            return new(false, $"no Docker engine answers at {host}");
        }
    }

    /// <summary>One HTTP/1.0 GET over the engine's socket; the response, or null when there is no socket to talk to.</summary>
    private static async Task<string?> GetAsync(Uri host, string path, CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(host, cancellationToken);
        if (socket is null)
            return null;
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.0\r\nHost: docker\r\n\r\n"), cancellationToken);
        var response = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, cancellationToken)) > 0)
            response.Append(Encoding.ASCII.GetString(buffer, 0, read));
        return response.ToString().StartsWith("HTTP/1.", StringComparison.Ordinal) ? response.ToString() : null;
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

    [GeneratedRegex(@"""ApiVersion""\s*:\s*""(\d+\.\d+)""")]
    private static partial Regex ApiVersion();
}
