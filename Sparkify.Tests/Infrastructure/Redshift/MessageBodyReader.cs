using System.Buffers.Binary;
using System.Text;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>Reads a message body field by field, in the protocol's encodings (big-endian integers, NUL-terminated UTF-8).</summary>
internal sealed class MessageBodyReader(byte[] body)
{
    private int _position;

    public bool AtEnd => _position >= body.Length;

    public byte Byte() => body[_position++];

    public short Int16()
    {
        var value = BinaryPrimitives.ReadInt16BigEndian(body.AsSpan(_position));
        _position += 2;
        return value;
    }

    public int Int32()
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(_position));
        _position += 4;
        return value;
    }

    public string CString()
    {
        var end = Array.IndexOf(body, (byte)0, _position);
        if (end < 0)
            throw new InvalidDataException("A protocol string is not NUL-terminated.");
        var value = Encoding.UTF8.GetString(body, _position, end - _position);
        _position = end + 1;
        return value;
    }

    public byte[] Bytes(int count)
    {
        var value = body.AsSpan(_position, count).ToArray();
        _position += count;
        return value;
    }

    public void Skip(int count) => _position += count;
}
