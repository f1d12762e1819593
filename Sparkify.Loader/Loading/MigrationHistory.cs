using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Sparkify.Data;
using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Loading;

/// <summary>Which migrations a database has applied: one query of EF Core's history table, none when the table is missing.</summary>
/// <remarks>
/// EF Core's own read (<c>GetAppliedMigrationsAsync</c>) first builds a model of the history table to learn its column names and
/// asks whether the table exists: about 0.2 s of every run's start-up, for a list the database gives in one query. The column is
/// named as the context's naming convention names EF Core's <c>MigrationId</c> (snake_case); MigrationHistoryTests holds it to the
/// history table EF Core's migrator creates.
/// </remarks>
public static class MigrationHistory
{
    public const string MigrationIdColumn = "migration_id";

    public static PlannedStatement Read(SparkifyDbContext context)
    {
        var options = context.GetService<IDbContextOptions>().Extensions.OfType<RelationalOptionsExtension>().Single();
        var table = context.GetService<ISqlGenerationHelper>()
            .DelimitIdentifier(options.MigrationsHistoryTableName ?? HistoryRepository.DefaultTableName, options.MigrationsHistoryTableSchema);
        return new("read which migrations the database has applied, from EF Core's history table (none when it is missing)",
            $"select {MigrationIdColumn} from {table}");
    }

    public static async Task<IReadOnlySet<string>> AppliedAsync(NpgsqlConnection connection, PlannedStatement read, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var command = connection.Command(read);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                applied.Add(reader.GetString(0));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A database no migration has touched yet.
        }
        return applied;
    }
}
