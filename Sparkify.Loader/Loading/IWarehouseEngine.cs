using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sparkify.Data;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Upkeep;

namespace Sparkify.Loader.Loading;

/// <summary>
/// Everything a load does differently on one engine, chosen once from dwh.cfg (<c>Engines/WarehouseEngines</c>): the load
/// runs and plans the same steps on every engine and asks this object, never which engine it is on.
/// </summary>
/// <remarks>
/// Each part comes with the statements it runs, for the plan (<see cref="LoadPlan"/>), beside the code that runs them.
/// </remarks>
public interface IWarehouseEngine
{
    /// <summary>As dwh.cfg's <c>[CLUSTER] ENGINE</c> names it: <c>postgres</c>, <c>redshift</c>, <c>redshift-serverless</c>.</summary>
    string Name { get; }

    /// <summary>How EF Core talks to the engine: the migrations' SQL generator and history table.</summary>
    DbContextOptions<SparkifyDbContext> ContextOptions(string connectionString);

    /// <summary>Every migration as one script, which a database with none applied runs in one go instead of EF Core's migrator;
    /// null where the migrator always applies them.</summary>
    string? WholeMigrationScript { get; }

    /// <summary>How the raw JSON reaches the staging tables.</summary>
    IStager Stager { get; }

    /// <summary>The checks a run needs: all but those the engine enforces itself.</summary>
    IReadOnlyList<DataCheck> Checks { get; }

    /// <summary>The statement that tells the rows the run's transaction added to each table, net (table name, rows), for the star
    /// tables' counts after the run; null where the engine cannot tell, and the star tables are counted.</summary>
    PlannedStatement? RowsChanged { get; }

    /// <summary>What the engine needs between a run's steps (statistics, index summaries).</summary>
    IEngineUpkeep Upkeep { get; }

    /// <summary>The maintenance session's statements that create the warehouse's database; none where a load may not create it.</summary>
    IReadOnlyList<PlannedStatement> CreatingDatabase(string database);

    /// <summary>Creates the database the connection string names when the engine lets a load do so and it is missing (<see cref="RunFacts.DatabaseMissing"/>).</summary>
    Task EnsureDatabaseAsync(string connectionString, RunFacts facts, CancellationToken cancellationToken);

    /// <summary>The lock session's statements: those that take the load lock before the run, and those that release it after.</summary>
    (IReadOnlyList<PlannedStatement> Taking, IReadOnlyList<PlannedStatement> Releasing) LockPlan { get; }

    /// <summary>Keeps loads against one database from interleaving from before the migrations to the run's end.</summary>
    Task<IAsyncDisposable> LockAsync(string connectionString, TimeSpan wait, Action<string> onWaiting, RunFacts facts, CancellationToken cancellationToken);

    /// <summary>The run session's statements that open, close and fail a run.</summary>
    RunScopePlan RunScope { get; }

    /// <summary>Opens the run on <paramref name="connection"/>: recorded in load_runs, in the transaction staging commits in.</summary>
    Task<ILoadRunScope> BeginRunAsync(NpgsqlConnection connection, string source, TimeSpan lockWait, Action<string> onWaiting,
        CancellationToken cancellationToken);
}
