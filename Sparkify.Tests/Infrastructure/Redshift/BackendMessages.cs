namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>The server's messages the proxy writes itself, to answer an intercepted statement as PostgreSQL would.</summary>
internal static class BackendMessages
{
    public static WireMessage ParseComplete { get; } = new('1', []);
    public static WireMessage BindComplete { get; } = new('2', []);
    public static WireMessage CloseComplete { get; } = new('3', []);
    public static WireMessage NoData { get; } = new('n', []);

    /// <summary>A statement without parameters.</summary>
    public static WireMessage NoParameters { get; } = new MessageBodyWriter().Int16(0).ToMessage('t');

    public static WireMessage CommandComplete(string tag) => new MessageBodyWriter().CString(tag).ToMessage('C');

    public static WireMessage ReadyForQuery(char transactionStatus) => new('Z', [(byte)transactionStatus]);

    /// <summary>A notice with no SQLSTATE of its own: 00000, as PostgreSQL gives a RAISE INFO.</summary>
    public static WireMessage Notice(InterceptedNotice notice) =>
        Fields(notice.Severity, "00000", notice.Message, detail: null).ToMessage('N');

    public static WireMessage Error(InterceptedError error) => Fields("ERROR", error.SqlState, error.Message, error.Detail).ToMessage('E');

    /// <summary>An error that ends the connection: the only kind a server sends before the login completes.</summary>
    public static WireMessage Fatal(string sqlState, string message) => Fields("FATAL", sqlState, message, detail: null).ToMessage('E');

    // S is the localized severity, V the invariant one (PostgreSQL 9.6+); both are the English word here.
    private static MessageBodyWriter Fields(string severity, string sqlState, string message, string? detail)
    {
        var fields = new MessageBodyWriter()
            .Byte((byte)'S').CString(severity)
            .Byte((byte)'V').CString(severity)
            .Byte((byte)'C').CString(sqlState)
            .Byte((byte)'M').CString(message);
        if (detail is not null)
            fields.Byte((byte)'D').CString(detail);
        return fields.Byte(0);
    }
}
