using Npgsql;
using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Loading;

/// <summary>The database dwh.cfg names, created on PostgreSQL when it is missing, as <c>dotnet ef database update</c> does.</summary>
/// <remarks>Before anything else connects to it (the load lock does).</remarks>
public static class PostgresDatabase
{
    /// <summary>The database every PostgreSQL server has, from which another can be created (as EF Core's creator uses it).</summary>
    private const string MaintenanceDatabase = "postgres";

    /// <summary>PostgreSQL's "invalid_catalog_name": the database does not exist.</summary>
    private const string Missing = "3D000";

    /// <summary>PostgreSQL's "duplicate_database": another loader created it first, which is as good.</summary>
    private const string AlreadyExists = "42P04";

    /// <summary>The statement that creates <paramref name="database"/>, run from the maintenance database.</summary>
    public static PlannedStatement Create(string database) =>
        new($"create the database {database}", $"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")
        {
            When = "only when it does not exist: connecting to it failed with 3D000",
        };

    public static async Task EnsureExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(LoadSessions.ConnectionString(connectionString, LoadSession.Maintenance)) { Pooling = false };
        try
        {
            await using var probe = new NpgsqlConnection(target.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return;
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
            await maintenance.ExecuteAsync(Create(database), cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == AlreadyExists)
        {
        }
    }
}
