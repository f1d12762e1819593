using System.Security.Cryptography.X509Certificates;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>What every session of one proxy shares.</summary>
internal sealed record ProxySettings(
    UpstreamAddress Upstream,
    X509Certificate2 Certificate,
    IStatementInterceptor Interceptor,
    Func<string, int, string?>? RefuseParameters,
    StatementLog Log);
