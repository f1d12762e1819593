using Npgsql;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>An upstream ErrorResponse as the exception Npgsql would have thrown for it, so interceptors handle errors as the loader does.</summary>
internal static class UpstreamError
{
    public static PostgresException ToException(WireMessage errorResponse)
    {
        var fields = new Dictionary<char, string>();
        var body = errorResponse.Read();
        while (body.Byte() is var code and not 0)
            fields[(char)code] = body.CString();
        var severity = fields.GetValueOrDefault('S', "ERROR");
        return new PostgresException(
            fields.GetValueOrDefault('M', ""), severity, fields.GetValueOrDefault('V', severity), fields.GetValueOrDefault('C', "XX000"),
            detail: fields.GetValueOrDefault('D'), hint: fields.GetValueOrDefault('H'), where: fields.GetValueOrDefault('W'));
    }
}
