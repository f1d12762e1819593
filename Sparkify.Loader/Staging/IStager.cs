using Npgsql;
using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Staging;

/// <summary>One engine's way of filling a staging table from the raw JSON. Engine differences in staging live behind it.</summary>
public interface IStager
{
    /// <summary>Where the raw JSON comes from, for people and for the <c>load_runs</c> log.</summary>
    string Source { get; }

    /// <summary>
    /// Every statement <see cref="LoadAsync"/> may run for <paramref name="table"/>, in its order, each saying when it runs: the plan's
    /// part for the table (<c>--dry-run</c>). It connects to nothing.
    /// </summary>
    IReadOnlyList<PlannedStatement> Plan(StagingTable table);

    /// <summary>The statement that keeps a run's skipped records in <c>load_errors</c>, for the plan.</summary>
    PlannedStatement KeepSkipped { get; }

    /// <summary>Keeps the records the run skipped (<see cref="StagingRun.BadRecords"/>) in <c>load_errors</c>, in the run's transaction.</summary>
    Task KeepSkippedAsync(NpgsqlConnection connection, StagingRun run, CancellationToken cancellationToken);

    /// <summary>Where <paramref name="table"/>'s input is: a folder or an s3:// prefix.</summary>
    string Location(StagingTable table);

    /// <summary>Where <paramref name="table"/>'s input is read from, as a run reads it (for <c>--dry-run</c>'s <c>--verify-input</c>).</summary>
    Sources.IInputSource Input(StagingTable table);

    /// <summary>Every input object of <paramref name="table"/>, listed as a run would list it (for <c>--dry-run</c>).</summary>
    Task<Sources.InputListing> ListAsync(StagingTable table, CancellationToken cancellationToken);

    /// <summary>
    /// Starts listing the input now, for the next run to take, so that the listing overlaps what comes before staging (finding the
    /// server, the schema, the lock). Nothing, where the stager lists as it stages.
    /// </summary>
    /// <returns>A task that ends when the listing has, failed or not (a failure is the run's to report, when it takes the listing).</returns>
    Task StartListing(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Why every run stages each table's whole input whatever the ledger holds; null when runs stage only new files.</summary>
    string? RestagesEveryRun { get; }

    /// <summary>
    /// Whether each staged row carries its file (<see cref="StagingTable.FileNumberColumn"/>), so that a changed file's rows are replaced
    /// alone; else a changed file stages its table afresh.
    /// </summary>
    bool ReplacesChangedFiles { get; }

    /// <summary>
    /// The manifests a run would write to copy <paramref name="files"/> (the new files of <paramref name="table"/>), and what each
    /// would list, said before anything is written (for <c>--dry-run</c>); none where the stager sends rows from the client.
    /// </summary>
    IReadOnlyList<PlannedManifest> ManifestsFor(StagingTable table, IReadOnlyList<Sources.InputObject> files);

    /// <summary>Adds this run's rows to <paramref name="table"/>, each carrying the run's id, and says what it did.</summary>
    /// <remarks>
    /// Runs inside the caller's transaction, so a failure leaves the table as it was. Bad records go to
    /// the run's <see cref="StagingRun.BadRecords"/>, which decides whether the load may go on without them.
    /// </remarks>
    Task<StagingOutcome> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken);
}
