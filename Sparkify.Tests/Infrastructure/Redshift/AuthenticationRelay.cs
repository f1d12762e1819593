namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// Logs a client in upstream by relaying: its StartupMessage, then the server's requests and the client's answers
/// (cleartext, MD5 or SCRAM alike: the proxy only passes bytes on) until the server is ready for queries.
/// </summary>
/// <remarks>
/// SCRAM over the proxy: the client sees TLS but the upstream leg has none, so PostgreSQL offers SCRAM-SHA-256 only, not
/// the channel-binding SCRAM-SHA-256-PLUS; Npgsql's default (Channel Binding=Prefer) accepts that.
/// </remarks>
internal static class AuthenticationRelay
{
    // AuthenticationCleartextPassword, AuthenticationMD5Password, AuthenticationSASL, AuthenticationSASLContinue: the
    // requests the client answers (with a PasswordMessage, SASLInitialResponse or SASLResponse).
    private static readonly int[] Challenges = [3, 5, 10, 11];

    /// <summary>Returns the backend's process id (from its BackendKeyData), or null if the server refused the login.</summary>
    public static async Task<int?> RunAsync(SessionPeers peers, StartupPacket startup, CancellationToken cancellationToken)
    {
        await peers.Upstream.SendAsync(startup, cancellationToken);
        int? processId = null;
        while (true)
        {
            var message = await peers.ReceiveUpstreamAsync(cancellationToken);
            await peers.Client.SendAsync(message, cancellationToken);
            switch (message.Type)
            {
                case 'R' when Challenges.Contains(message.Read().Int32()):
                    await peers.Upstream.SendAsync(await peers.ReceiveClientAsync(cancellationToken), cancellationToken);
                    break;
                case 'K':
                    processId = message.Read().Int32();
                    break;
                case 'E':
                    return null;
                case 'Z':
                    return processId ?? throw new InvalidDataException("The upstream server sent no BackendKeyData before ReadyForQuery.");
            }
        }
    }
}
