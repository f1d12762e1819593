namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>How an intercepted statement failed, as its client's <c>PostgresException</c> will say.</summary>
/// <param name="SqlState">Five digits or capital letters, as PostgreSQL's RAISE accepts for ERRCODE.</param>
public sealed record InterceptedError(string SqlState, string Message, string? Detail);
