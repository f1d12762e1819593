using System.Threading.Channels;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// One end of a relayed session (the client, or the upstream server): what it sends arrives in <see cref="Incoming"/>,
/// read by a loop of its own, so that the session can wait on both ends at once.
/// </summary>
internal sealed class WirePeer(Stream stream)
{
    // Bounded, so that a client streaming a COPY faster than the server takes it is held back, as on a direct connection.
    private readonly Channel<WireMessage> _incoming = Channel.CreateBounded<WireMessage>(new BoundedChannelOptions(64) { SingleWriter = true });

    public ChannelReader<WireMessage> Incoming => _incoming.Reader;

    /// <summary>The reading loop: ends when the connection does, completing <see cref="Incoming"/> (with the error, if any).</summary>
    public Task Reading { get; private set; } = Task.CompletedTask;

    /// <param name="onReceived">Sees each message as it arrives, before the session handles it.</param>
    public void StartReading(CancellationToken cancellationToken, Action<WireMessage>? onReceived = null) =>
        Reading = ReadAsync(onReceived, cancellationToken);

    public ValueTask<WireMessage> ReceiveAsync(CancellationToken cancellationToken) => _incoming.Reader.ReadAsync(cancellationToken);

    public ValueTask SendAsync(WireMessage message, CancellationToken cancellationToken) => stream.WriteAsync(message.Encode(), cancellationToken);

    public ValueTask SendAsync(StartupPacket packet, CancellationToken cancellationToken) => stream.WriteAsync(packet.Encode(), cancellationToken);

    private async Task ReadAsync(Action<WireMessage>? onReceived, CancellationToken cancellationToken)
    {
        var reader = new WireReader(stream);
        try
        {
            while (await reader.ReadAsync(cancellationToken) is { } message)
            {
                onReceived?.Invoke(message);
                await _incoming.Writer.WriteAsync(message, cancellationToken);
            }
            _incoming.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _incoming.Writer.TryComplete(e);
        }
    }
}
