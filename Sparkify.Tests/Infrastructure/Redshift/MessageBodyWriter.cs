using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>Builds a message body field by field, in the protocol's encodings.</summary>
internal sealed class MessageBodyWriter
{
    private readonly ArrayBufferWriter<byte> _body = new();

    public MessageBodyWriter Byte(byte value)
    {
        _body.GetSpan(1)[0] = value;
        _body.Advance(1);
        return this;
    }

    public MessageBodyWriter Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_body.GetSpan(2), value);
        _body.Advance(2);
        return this;
    }

    public MessageBodyWriter CString(string value)
    {
        _body.Write(Encoding.UTF8.GetBytes(value));
        return Byte(0);
    }

    public MessageBodyWriter Bytes(ReadOnlySpan<byte> value)
    {
        _body.Write(value);
        return this;
    }

    public WireMessage ToMessage(char type) => new(type, _body.WrittenSpan.ToArray());
}
