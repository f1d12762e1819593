using Npgsql;

namespace Sparkify.Server;

/// <summary>
/// The one routine that creates the warehouse's PostgreSQL database when it is missing, as <c>dotnet ef database update</c>
/// would: for the loader (before anything else connects to it) and for the embedded server it starts.
/// </summary>
public static class MissingDatabase
{
    /// <summary>The database every PostgreSQL server has, from which another can be created (as EF Core's creator uses it).</summary>
    private const string MaintenanceDatabase = "postgres";

    /// <summary>PostgreSQL's "invalid_catalog_name": the database does not exist.</summary>
    private const string Missing = "3D000";

    /// <summary>PostgreSQL's "duplicate_database": another loader created it first, which is as good.</summary>
    private const string AlreadyExists = "42P04";

    /// <summary>
    /// A creation racing ours past PostgreSQL's friendly check of the name meets the catalog's unique index instead
    /// (createdb() in src/backend/commands/dbcommands.c says so), which is as good.
    /// </summary>
    private const string UniqueViolation = "23505";

    /// <summary>The statement that creates <paramref name="database"/>, run from the maintenance database.</summary>
    public static string CreateSql(string database) => $"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Whether the database <paramref name="connectionString"/> names exists, found by connecting to it (unpooled).</summary>
    public static async Task<bool> ExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = await UnpooledSession.OpenAsync(connectionString, cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == Missing)
        {
            return false;
        }
    }

    /// <summary>Connects to the database <paramref name="connectionString"/> names; where it does not exist, creates it. True when it was missing.</summary>
    /// <remarks>Unpooled, so that no session lingers on a database a caller may drop or use as a template.</remarks>
    public static async Task<bool> CreateIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(connectionString, cancellationToken))
            return false;
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database!;
        target.Database = MaintenanceDatabase;
        await using var maintenance = await UnpooledSession.OpenAsync(target.ConnectionString, cancellationToken);
        try
        {
            await using var create = new NpgsqlCommand(CreateSql(database), maintenance.Connection) { CommandTimeout = 0 };
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is AlreadyExists or UniqueViolation)
        {
        }
        return true;
    }
}
