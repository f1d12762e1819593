using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Sparkify.Data;
using Sparkify.Data.Settings;

namespace Sparkify.Loader.Loading;

/// <summary>The database dwh.cfg names, created on PostgreSQL when it is missing, as <c>dotnet ef database update</c> does.</summary>
/// <remarks>
/// Before anything else connects to it (the load lock does). On Redshift a database is created by the cluster's owner,
/// not by a loader: a missing one fails the run with a message that says so.
/// </remarks>
public static class WarehouseDatabase
{
    /// <summary>PostgreSQL's "duplicate_database": another loader created it first, which is as good.</summary>
    private const string AlreadyExists = "42P04";

    public static async Task EnsureExistsAsync(DatabaseEngine engine, string connectionString, CancellationToken cancellationToken)
    {
        if (engine == DatabaseEngine.Redshift)
            return;
        await using var context = new SparkifyDbContext(SparkifyDbContextOptions.For(engine, connectionString));
        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
            return;
        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == AlreadyExists)
        {
        }
    }
}
