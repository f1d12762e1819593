namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>The client's own backend session on the upstream server, lent to an interceptor while it runs a statement.</summary>
public interface IUpstreamSession
{
    /// <summary>The backend's process id: what <c>pg_backend_pid()</c> and the client's <c>ProcessID</c> say.</summary>
    int BackendProcessId { get; }

    string Database { get; }

    string User { get; }

    string ApplicationName { get; }

    /// <summary>
    /// Runs SQL through the simple protocol; returns the rows of its last result set, each value as PostgreSQL's text or
    /// null. An error is thrown as a <see cref="Npgsql.PostgresException"/>, and leaves the transaction aborted, as it
    /// would the client's.
    /// </summary>
    Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken);

    /// <summary>Runs a <c>COPY … FROM STDIN</c>, sending <paramref name="data"/> as its input; returns the rows copied.</summary>
    Task<long> CopyInAsync(string copyFromStdinSql, IAsyncEnumerable<ReadOnlyMemory<byte>> data, CancellationToken cancellationToken);
}
