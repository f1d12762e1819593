namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>The client's messages the proxy writes itself to the upstream server.</summary>
internal static class FrontendMessages
{
    public static WireMessage Sync { get; } = new('S', []);
    public static WireMessage CopyDone { get; } = new('c', []);

    public static WireMessage Query(string sql) => new MessageBodyWriter().CString(sql).ToMessage('Q');

    public static WireMessage CopyData(ReadOnlySpan<byte> data) => new MessageBodyWriter().Bytes(data).ToMessage('d');

    public static WireMessage CopyFail(string reason) => new MessageBodyWriter().CString(reason).ToMessage('f');
}
