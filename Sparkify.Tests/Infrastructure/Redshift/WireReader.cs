using System.Buffers.Binary;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>Reads typed protocol messages from one side of a connection, through a read buffer of its own.</summary>
/// <remarks>
/// Only for after startup: the buffer reads ahead, which before a TLS handshake would swallow the handshake's first
/// bytes (<see cref="StartupPacket"/> reads that phase unbuffered).
/// </remarks>
internal sealed class WireReader(Stream stream)
{
    // PostgreSQL itself refuses messages over 1 GB; a length beyond that means the stream is not the protocol.
    private const int MaxBodyLength = 1 << 30;
    private const int HeaderLength = 5;

    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next message, or null if the other side closed the connection between messages.</summary>
    public async Task<WireMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await BufferAsync(HeaderLength, cancellationToken))
            return null;
        var type = (char)_buffer[_start];
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1));
        if (length < 4 || length - 4 > MaxBodyLength)
            throw new InvalidDataException($"A message '{type}' claims a length of {length} bytes.");
        _start += HeaderLength;
        var body = new byte[length - 4];
        var buffered = Math.Min(body.Length, _end - _start);
        _buffer.AsSpan(_start, buffered).CopyTo(body);
        _start += buffered;
        if (buffered < body.Length)
            await stream.ReadExactlyAsync(body.AsMemory(buffered), cancellationToken);
        return new WireMessage(type, body);
    }

    /// <summary>Has at least <paramref name="count"/> bytes in the buffer; false if the stream ended with none.</summary>
    private async Task<bool> BufferAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
            return true;
        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
        while (_end < count)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
                return _end == 0 ? false : throw new EndOfStreamException("The connection closed in the middle of a message.");
            _end += read;
        }
        return true;
    }
}
