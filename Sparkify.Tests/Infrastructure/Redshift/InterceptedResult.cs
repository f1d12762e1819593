using System.Text.RegularExpressions;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>What an intercepted statement did: a command tag and notices, or an error.</summary>
public sealed partial record InterceptedResult
{
    private InterceptedResult(string? commandTag, IReadOnlyList<InterceptedNotice> notices, InterceptedError? error) =>
        (CommandTag, Notices, Error) = (commandTag, notices, error);

    /// <summary>The CommandComplete tag, such as "COPY 8056" (Npgsql reads the row count from it); null for an error.</summary>
    public string? CommandTag { get; }

    public IReadOnlyList<InterceptedNotice> Notices { get; }

    public InterceptedError? Error { get; }

    public static InterceptedResult Success(string commandTag, params IReadOnlyList<InterceptedNotice> notices) => new(commandTag, notices, null);

    /// <summary>An error; the proxy raises it in the client's session, so the SQLSTATE must be one RAISE accepts.</summary>
    public static InterceptedResult Failure(string sqlState, string message, string? detail = null)
    {
        if (!SqlStatePattern().IsMatch(sqlState))
            throw new ArgumentException($"'{sqlState}' is not a SQLSTATE: five digits or capital letters, such as 22P04.", nameof(sqlState));
        return new InterceptedResult(null, [], new InterceptedError(sqlState, message, detail));
    }

    [GeneratedRegex("^[0-9A-Z]{5}$")]
    private static partial Regex SqlStatePattern();
}
