namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>Who a client logs in as, from its StartupMessage: the names the interceptor and the statement log need.</summary>
internal sealed record StartupParameters(string User, string Database, string ApplicationName)
{
    public static StartupParameters Parse(StartupPacket startup)
    {
        var body = new MessageBodyReader(startup.Body);
        body.Skip(4); // the protocol version
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!body.AtEnd && body.CString() is { Length: > 0 } name)
            parameters[name] = body.CString();
        var user = parameters.GetValueOrDefault("user") ?? throw new InvalidDataException("The StartupMessage names no user.");
        // PostgreSQL's defaults: the database is named after the user; no application name is the empty one.
        return new StartupParameters(user, parameters.GetValueOrDefault("database") ?? user, parameters.GetValueOrDefault("application_name") ?? "");
    }
}
