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

    /// <summary>The statement that creates <paramref name="database"/>, run from the maintenance database.</summary>
    public static string CreateSql(string database) => $"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Connects to the database <paramref name="connectionString"/> names; where it does not exist, creates it. True when it was missing.</summary>
    /// <remarks>Unpooled, so that no session lingers on a database a caller may drop or use as a template.</remarks>
    public static async Task<bool> CreateIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        try
        {
            await using var probe = new NpgsqlConnection(target.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return false;
        }
        catch (PostgresException e) when (e.SqlState == Missing)
        {
        }
        var database = target.Database!;
        target.Database = MaintenanceDatabase;
        await using var maintenance = new NpgsqlConnection(target.ConnectionString);
        await maintenance.OpenAsync(cancellationToken);
        try
        {
            await using var create = new NpgsqlCommand(CreateSql(database), maintenance) { CommandTimeout = 0 };
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == AlreadyExists)
        {
        }
        return true;
    }
}
