using System.Data.Common;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Sparkify.Server;

namespace Sparkify.Migrations;

/// <summary>
/// Turns a failure to connect that people can fix (<see cref="DatabaseFailures"/>) into an <see cref="OperationException"/>:
/// <c>dotnet ef</c> prints only the message of that one exception type, and its stack only with <c>--verbose</c>; any
/// other exception it prints whole.
/// </summary>
internal sealed class DesignTimeFailures : DbConnectionInterceptor
{
    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Rethrow(eventData.Exception);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Rethrow(eventData.Exception);
        return Task.CompletedTask;
    }

    /// <summary>The exception dotnet ef should report for <paramref name="e"/>, or <paramref name="e"/> itself when it is a bug.</summary>
    public static Exception Explained(Exception e) => DatabaseFailures.Explain(e) is { } line ? new OperationException(line, e) : e;

    private static void Rethrow(Exception e)
    {
        // A missing database is not a failure here: `database update` asks whether it exists and creates it.
        if (e is PostgresException { SqlState: "3D000" })
            return;
        if (Explained(e) is OperationException explained)
            throw explained;
    }
}
