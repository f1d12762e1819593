using Amazon.S3;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sparkify.Data;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Upkeep;
using Sparkify.Settings;

namespace Sparkify.Loader.Engines;

/// <summary>
/// Amazon Redshift, provisioned or Serverless: COPY reads the JSON from S3 itself; a run is one transaction that begins
/// with a LOCK (Redshift has no advisory locks); the database is the cluster owner's to create; every key and foreign
/// key is checked by the loader, since Redshift enforces none.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/redshift/latest/dg/t_Defining_constraints.html: "Uniqueness, primary key, and foreign key
/// constraints are informational only; they are not enforced by Amazon Redshift."
/// </remarks>
public sealed class RedshiftEngine(RedshiftCopySettings settings, Func<IAmazonS3> s3, bool serverless) : IWarehouseEngine
{
    public string Name => serverless ? DwhConfig.ServerlessEngine : "redshift";

    public DbContextOptions<SparkifyDbContext> ContextOptions(string connectionString) =>
        SparkifyDbContextOptions.ForRedshift(connectionString);

    // A cluster's schema is built once, and its DDL takes seconds whatever sends it: EF Core's migrator applies each migration,
    // as the stand-in's tests run it.
    public string? WholeMigrationScript => null;

    /// <summary>Where COPY logs the records it could not load: Serverless has no STL views.</summary>
    public RedshiftLoadErrorLog ErrorLog { get; } = serverless ? RedshiftLoadErrorLog.Serverless : RedshiftLoadErrorLog.Provisioned;

    public IStager Stager => _stager ??= new RedshiftStager(settings, s3, ErrorLog);

    private RedshiftStager? _stager;

    public IReadOnlyList<DataCheck> Checks => DataChecks.All;

    public IEngineUpkeep Upkeep { get; } = new NoUpkeep();

    /// <summary>None: on Redshift the star tables are counted.</summary>
    public PlannedStatement? RowsChanged => null;

    public IReadOnlyList<PlannedStatement> CreatingDatabase(string database) => [];

    /// <summary>Nothing: a missing database fails the first connection with a message that says so.</summary>
    public Task EnsureDatabaseAsync(string connectionString, RunFacts facts, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>No lock session: the run's own transaction begins with its LOCK (<see cref="RedshiftLoadRunScope"/>).</summary>
    public (IReadOnlyList<PlannedStatement> Taking, IReadOnlyList<PlannedStatement> Releasing) LockPlan { get; } = ([], []);

    public Task<IAsyncDisposable> LockAsync(string connectionString, TimeSpan wait, Action<string> onWaiting, RunFacts facts,
        CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    public RunScopePlan RunScope => RedshiftLoadRunScope.Plan;

    public async Task<ILoadRunScope> BeginRunAsync(NpgsqlConnection connection, string source, TimeSpan lockWait, Action<string> onWaiting,
        CancellationToken cancellationToken) =>
        await RedshiftLoadRunScope.BeginAsync(connection, source, lockWait, onWaiting, cancellationToken);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
