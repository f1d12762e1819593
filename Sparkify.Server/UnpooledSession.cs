using Npgsql;

namespace Sparkify.Server;

/// <summary>One unpooled connection that does not load the server's type catalogue, with the data source it came from.</summary>
/// <remarks>
/// Every value the loader sends or reads is of a built-in type, which Npgsql knows without asking the server. Npgsql otherwise
/// reads the catalogue once per connection string, and each of a load's sessions has its own (its application name): four
/// reads of 5-25 ms of the server's time each (as measured here), and their decoding in the loader, in a run that may take a third of a second.
/// Npgsql's switch for this (formerly ServerCompatibilityMode=NoTypeLoading in the connection string) is set on a data source,
/// which the session owns and disposes with its connection.
/// </remarks>
public sealed class UnpooledSession : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    private UnpooledSession(NpgsqlDataSource source, NpgsqlConnection connection) => (_source, Connection) = (source, connection);

    public NpgsqlConnection Connection { get; }

    /// <summary>Opens a session to <paramref name="connectionString"/> (its pooling setting overridden: never pooled).</summary>
    public static async Task<UnpooledSession> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        var source = builder.Build();
        try
        {
            return new UnpooledSession(source, await source.OpenConnectionAsync(cancellationToken));
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A new, closed connection made like <paramref name="connection"/>, for when its session can no longer be used: from the same
    /// data source, so with its password (which an open connection's string no longer shows) and its settings.
    /// </summary>
    /// <remarks><see cref="NpgsqlConnection.CloneWith"/> would make one from the connection string alone, type catalogue and all.</remarks>
    public static NpgsqlConnection Clone(NpgsqlConnection connection) => (NpgsqlConnection)((ICloneable)connection).Clone();

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await _source.DisposeAsync();
    }
}
