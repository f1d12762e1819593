namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>An error the stand-in cluster answers a statement with, as Redshift would: its SQLSTATE and message.</summary>
public sealed class RedshiftErrorException(string sqlState, string message) : Exception(message)
{
    public string SqlState { get; } = sqlState;

    public static RedshiftErrorException Syntax(string message) => new("42601", message);
}
