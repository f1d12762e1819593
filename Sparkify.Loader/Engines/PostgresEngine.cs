using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sparkify.Data;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Model;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Upkeep;
using Sparkify.Migrations;
using Sparkify.Server;

namespace Sparkify.Loader.Engines;

/// <summary>
/// PostgreSQL: the loader parses the JSON and streams it in by binary COPY; an advisory lock serialises loads; a missing
/// database is created; keys and the foreign keys it has constraints for are enforced by the server, so not checked again.
/// </summary>
public sealed class PostgresEngine(InputSources sources) : IWarehouseEngine
{
    private static readonly Lazy<PostgresUpkeep> SharedUpkeep = new(() => new PostgresUpkeep(WarehouseModel.Derive(PostgresUpkeep.BrinIndexes)));

    public string Name => "postgres";

    public DbContextOptions<SparkifyDbContext> ContextOptions(string connectionString) =>
        SparkifyDbContextOptions.ForPostgres(connectionString);

    private static readonly Lazy<string> Script = new(() => WholeScripts.Postgres);

    public string? WholeMigrationScript => Script.Value;

    public IStager Stager { get; } = new PostgresStager(sources);

    // Derived from the EF model on first use, so a run can derive them while it waits for the server (LoadCommand).
    private readonly Lazy<IReadOnlyList<DataCheck>> _checks = new(() => [.. DataChecks.All.Where(c => !c.EnforcedByPostgres)]);

    public IReadOnlyList<DataCheck> Checks => _checks.Value;

    public IEngineUpkeep Upkeep => SharedUpkeep.Value;

    public PlannedStatement? RowsChanged => TableCounts.RowsChangedOnPostgres;

    /// <summary>Run by <see cref="MissingDatabase"/>, the one routine that creates a missing warehouse database, on the maintenance session.</summary>
    public IReadOnlyList<PlannedStatement> CreatingDatabase(string database) =>
        [new($"create the database {database}", MissingDatabase.CreateSql(database)) { When = RunCondition.Only(f => f.DatabaseMissing) }];

    public async Task EnsureDatabaseAsync(string connectionString, RunFacts facts, CancellationToken cancellationToken) =>
        facts.DatabaseMissing = await MissingDatabase.CreateIfMissingAsync(LoadSessions.ConnectionString(connectionString, LoadSession.Maintenance), cancellationToken);

    public (IReadOnlyList<PlannedStatement> Taking, IReadOnlyList<PlannedStatement> Releasing) LockPlan { get; } =
        ([PostgresLoadLock.TryLock, PostgresLoadLock.Holder], [PostgresLoadLock.Unlock]);

    public async Task<IAsyncDisposable> LockAsync(string connectionString, TimeSpan wait, Action<string> onWaiting, RunFacts facts,
        CancellationToken cancellationToken) =>
        await PostgresLoadLock.AcquireAsync(connectionString, wait, onWaiting, facts, cancellationToken);

    public RunScopePlan RunScope => PostgresLoadRunScope.Plan;

    public async Task<ILoadRunScope> BeginRunAsync(NpgsqlConnection connection, string source, TimeSpan lockWait, Action<string> onWaiting,
        CancellationToken cancellationToken) =>
        await PostgresLoadRunScope.BeginAsync(connection, source, cancellationToken);
}
