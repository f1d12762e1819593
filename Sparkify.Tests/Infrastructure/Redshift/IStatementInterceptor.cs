namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>Runs, in place of the upstream server, the statements it cannot run (Redshift's COPY from S3, say).</summary>
public interface IStatementInterceptor
{
    /// <summary>Whether this statement is one to run here; asked of every Parse's and every simple Query's text.</summary>
    bool Handles(string sql);

    /// <summary>
    /// Runs the statement, doing its database work through <paramref name="session"/>: the client's own backend, inside
    /// the client's transaction. A <see cref="Npgsql.PostgresException"/> from the session (or returned as a failure)
    /// reaches the client as that error.
    /// </summary>
    Task<InterceptedResult> RunAsync(string sql, IUpstreamSession session, CancellationToken cancellationToken);
}
