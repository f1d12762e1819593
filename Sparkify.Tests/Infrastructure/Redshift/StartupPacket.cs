using System.Buffers.Binary;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// A message of the startup phase, which has no type byte: a length, then a 32-bit code (a protocol version, or one of
/// the request codes below) and the rest of the body.
/// </summary>
internal sealed record StartupPacket(int Code, byte[] Body)
{
    public const int SslRequestCode = 80877103;
    public const int GssEncryptionRequestCode = 80877104;
    public const int CancelRequestCode = 80877102;

    // PostgreSQL's own limit for a startup packet (MAX_STARTUP_PACKET_LENGTH).
    private const int MaxLength = 10000;

    /// <summary>
    /// Reads one packet from the raw stream, asking it for exactly the packet's bytes: after an SSLRequest the next
    /// bytes are the TLS handshake's and must stay unread.
    /// </summary>
    public static async Task<StartupPacket?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var lengthWord = new byte[4];
        if (await stream.ReadAtLeastAsync(lengthWord, 4, throwOnEndOfStream: false, cancellationToken) < 4)
            return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(lengthWord);
        if (length < 8 || length > MaxLength)
            throw new InvalidDataException($"A startup packet claims a length of {length} bytes.");
        var body = new byte[length - 4];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new StartupPacket(BinaryPrimitives.ReadInt32BigEndian(body), body);
    }

    /// <summary>The packet as it goes on the wire.</summary>
    public byte[] Encode()
    {
        var frame = new byte[4 + Body.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length);
        Body.CopyTo(frame, 4);
        return frame;
    }
}
