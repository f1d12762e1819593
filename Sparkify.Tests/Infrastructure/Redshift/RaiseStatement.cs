namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// A statement that makes PostgreSQL raise a given error in the session it runs in: the way to leave a session exactly as
/// a statement failing there would (its transaction aborted) and to have PostgreSQL word the ErrorResponse itself.
/// See https://www.postgresql.org/docs/current/plpgsql-errors-and-messages.html.
/// </summary>
internal static class RaiseStatement
{
    public static string For(InterceptedError error)
    {
        var options = $"errcode = {Literal(error.SqlState)}, message = {Literal(error.Message)}";
        if (error.Detail is not null)
            options += $", detail = {Literal(error.Detail)}";
        var body = $" begin raise exception using {options}; end ";
        var tag = "$raise$";
        for (var n = 1; body.Contains(tag, StringComparison.Ordinal); n++)
            tag = $"$raise{n}$";
        return $"do {tag}{body}{tag}";
    }

    // An escape string literal means the same whatever standard_conforming_strings the session has.
    private static string Literal(string value) => "E'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
