namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>What the proxy reads from the client's messages.</summary>
internal static class ClientMessages
{
    /// <summary>The SQL of a Parse or a simple Query; null for any other message (a password's, say).</summary>
    public static string? StatementText(WireMessage message)
    {
        if (message.Type is not ('P' or 'Q'))
            return null;
        var body = message.Read();
        if (message.Type == 'P')
            body.CString(); // the statement's name
        return body.CString();
    }
}
