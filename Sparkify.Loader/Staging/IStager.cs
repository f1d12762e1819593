using Npgsql;

namespace Sparkify.Loader.Staging;

/// <summary>One engine's way of filling a staging table from the raw JSON. Engine differences in staging live behind it.</summary>
public interface IStager
{
    /// <summary>Where the raw JSON comes from, for people and for the <c>load_runs</c> log.</summary>
    string Source { get; }

    /// <summary>The statements <see cref="LoadAsync"/> runs for <paramref name="table"/>, for <c>--dry-run</c>; it connects to nothing.</summary>
    IReadOnlyList<PlannedStatement> Plan(StagingTable table);

    /// <summary>Statements to run once both staging tables are filled, before the transforms read them.</summary>
    IReadOnlyList<PlannedStatement> BeforeTransforms { get; }

    /// <summary>Loads the raw records into <paramref name="table"/>; returns the rows it added.</summary>
    /// <remarks>
    /// Runs inside the caller's transaction, so a failure leaves the table as it was. Bad records go to
    /// the run's <see cref="StagingRun.BadRecords"/>, which decides whether the load may go on without them.
    /// </remarks>
    Task<long> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken);
}
