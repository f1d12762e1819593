using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Sparkify.Settings;
using Sparkify.Server;

namespace Sparkify.Migrations;

/// <summary>
/// Points <c>dotnet ef</c>'s connections at the embedded server, which it finds running or starts (as the loader
/// would) the first time a command opens one: <c>database update</c> does; <c>migrations add</c> and
/// <c>migrations script</c> never connect, so they start nothing. The server is left running, as the loader leaves it,
/// and the loader's lines that say how to query and stop it follow the one that names it.
/// </summary>
internal sealed class EmbeddedServerStarter(DwhConfig config) : DbConnectionInterceptor
{
    private readonly Lock _starting = new();
    private IWarehouseServer? _server;

    /// <summary>Where connections point until the server is known: its database, on no port yet.</summary>
    public string Placeholder { get; } = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Database = config.Database }.ConnectionString;

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        PointAtServer(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        PointAtServer(connection);
        return ValueTask.FromResult(result);
    }

    /// <summary>Gives the connection the server's host and port, keeping the database it asks for (EF opens "postgres" to create ours).</summary>
    private void PointAtServer(DbConnection connection)
    {
        lock (_starting)
        {
            if (_server is null)
            {
                // dotnet ef runs this synchronously in its own process; there is no caller to hand a task to.
                _server = WarehouseServers.OpenAsync(config).GetAwaiter().GetResult();
                Console.Error.WriteLine($"Using {_server.Description}.");
                if (_server is EmbeddedPostgres embedded)
                    EmbeddedServerHints.Write(Console.Error, config, embedded);
            }
        }
        var database = new NpgsqlConnectionStringBuilder(connection.ConnectionString).Database;
        connection.ConnectionString = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database }.ConnectionString;
    }
}
