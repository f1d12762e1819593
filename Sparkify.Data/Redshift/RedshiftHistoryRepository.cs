using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

#pragma warning disable EF1001 // Npgsql's history repository is internal; only its Redshift-incompatible parts are replaced.

namespace Sparkify.Data.Redshift;

/// <summary>The EF migrations history table on Redshift: Npgsql's, without the PostgreSQL-only statements.</summary>
/// <remarks>
/// Npgsql locks the table <c>IN ACCESS EXCLUSIVE MODE</c>, a clause Redshift's LOCK lacks
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html), and writes idempotent scripts with
/// DO blocks, which Redshift lacks altogether.
/// </remarks>
public sealed class RedshiftHistoryRepository(HistoryRepositoryDependencies dependencies) : NpgsqlHistoryRepository(dependencies)
{
    public override IMigrationsDatabaseLock AcquireDatabaseLock()
    {
        Dependencies.RawSqlCommandBuilder.Build(LockStatement).ExecuteNonQuery(Parameters());
        return new HistoryTableLock(this);
    }

    public override async Task<IMigrationsDatabaseLock> AcquireDatabaseLockAsync(CancellationToken cancellationToken = default)
    {
        await Dependencies.RawSqlCommandBuilder.Build(LockStatement).ExecuteNonQueryAsync(Parameters(), cancellationToken);
        return new HistoryTableLock(this);
    }

    public override string GetBeginIfNotExistsScript(string migrationId) => throw IdempotentScriptsUnsupported();

    public override string GetBeginIfExistsScript(string migrationId) => throw IdempotentScriptsUnsupported();

    private string LockStatement => "LOCK " + SqlGenerationHelper.DelimitIdentifier(TableName, TableSchema);

    private Microsoft.EntityFrameworkCore.Storage.RelationalCommandParameterObject Parameters() => new(
        Dependencies.Connection, null, null, Dependencies.CurrentContext.Context, Dependencies.CommandLogger,
        Microsoft.EntityFrameworkCore.Diagnostics.CommandSource.Migrations);

    private static NotSupportedException IdempotentScriptsUnsupported() => new(
        "Idempotent migration scripts need DO blocks, which Redshift lacks. Script from the migration the cluster is at instead: " +
        "dotnet ef migrations script <FromMigration> --project Migrations");

    /// <summary>Redshift's LOCK lasts until the migration's transaction ends; there is nothing to release.</summary>
    private sealed class HistoryTableLock(IHistoryRepository repository) : IMigrationsDatabaseLock
    {
        public IHistoryRepository HistoryRepository => repository;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
