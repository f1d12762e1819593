using System.Buffers.Binary;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// One message of the PostgreSQL protocol after startup: a type byte and a body (the length word is framing, not kept).
/// See https://www.postgresql.org/docs/current/protocol-message-formats.html.
/// </summary>
internal sealed record WireMessage(char Type, byte[] Body)
{
    /// <summary>The message as it goes on the wire, in one buffer so that it leaves in one write.</summary>
    public byte[] Encode()
    {
        var frame = new byte[5 + Body.Length];
        frame[0] = (byte)Type;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), Body.Length + 4);
        Body.CopyTo(frame, 5);
        return frame;
    }

    public MessageBodyReader Read() => new(Body);

    public override string ToString() => $"'{Type}' ({Body.Length} bytes)";
}
