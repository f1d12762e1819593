using System.Diagnostics;
using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Loading;

/// <summary>
/// Loads the warehouse: runs the steps of <see cref="LoadSteps"/> in order (the database, the lock, the migrations, staging,
/// the transforms and checks, the finish), the steps the plan prints. The same steps on every engine, each engine's part
/// asked of <see cref="IWarehouseEngine"/>.
/// </summary>
/// <remarks>
/// Staging, transforms and data checks run in one transaction (<see cref="ILoadRunScope"/>): bad input, a failing
/// transform or check, or a killed process leaves every table as it was before the run.
/// </remarks>
public sealed class WarehouseLoader(IWarehouseEngine engine, string connectionString, ILoadObserver observer)
{
    /// <summary>How long a load waits for another one against the same database to finish.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many bad input records the run may skip (into <c>load_errors</c>); 0 means none.</summary>
    public int MaxErrors { get; init; }

    /// <summary>Empty staging and forget the ledger, staging every file again and rebuilding the star tables from it.</summary>
    public bool FullReload { get; init; }

    /// <summary>Check every row of the star tables, not only the rows this run wrote (always so after a full reload).</summary>
    public bool FullCheck { get; init; }

    /// <summary>What the run accepts as input besides well-formed records: other files beside it, plausible event times.</summary>
    public InputPolicy Policy { get; init; } = InputPolicy.Default;

    /// <summary>Whether the run's outcome keeps a table's listing (the files, not only their count) for its caller; by default none.</summary>
    /// <remarks>A listing is released once its table is staged, unless this keeps it: the report keeps one that may be the real data set's.</remarks>
    public Func<StagingTable, ListingSize, bool>? KeepsListing { get; init; }

    /// <summary>What the last run found (for tests that hold a run to its plan).</summary>
    public RunFacts? LastRunFacts { get; private set; }

    public async Task<LoadResult> LoadAsync(CancellationToken cancellationToken = default)
    {
        var facts = LastRunFacts = new RunFacts { FullReload = FullReload, FullCheck = FullCheck || FullReload };
        var steps = LoadSteps.For(engine, new NpgsqlConnectionStringBuilder(connectionString).Database ?? "");
        var run = new LoadContext(connectionString, observer, facts) { LockWait = LockWait, Policy = Policy, BadRecords = new BadRecords(MaxErrors), KeepsListing = KeepsListing };
        try
        {
            foreach (var step in steps.Where(s => s.Phase == StepPhase.Run))
                await RunAsync(step, run, cancellationToken);
            return run.Result!;
        }
        catch (Exception e)
        {
            // An interruption is a failure like any other for the run's record: rolled back and marked at once, not left
            // running for the next load to find abandoned.
            var interrupted = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
            (facts.Failed, run.Failure) = (true, interrupted ? new LoadInterruptedException(run.Scope?.RunId, e) : e);
            foreach (var step in steps.Where(s => s.Phase == StepPhase.OnFailure))
                await RunAsync(step, run, CancellationToken.None);
            if (interrupted)
                throw run.Failure;
            throw;
        }
        finally
        {
            await run.DisposeAsync(); // the run session ends before the lock is released
            foreach (var step in steps.Where(s => s.Phase == StepPhase.Finally))
                await RunAsync(step, run, CancellationToken.None);
        }
    }

    /// <summary>Runs <paramref name="step"/> when its condition holds, timing it for the observer when it is a stage.</summary>
    private async Task RunAsync(LoadStep step, LoadContext run, CancellationToken cancellationToken)
    {
        if (!step.When.Holds(run.Facts))
            return;
        if (step.Stage is not { } stage)
        {
            await step.RunAsync(run, cancellationToken);
            return;
        }
        observer.StageStarted(stage, step.Detail(run));
        var clock = Stopwatch.StartNew();
        await step.RunAsync(run, cancellationToken);
        run.Stages.Add((stage, clock.Elapsed));
        observer.StageFinished(stage, clock.Elapsed);
    }
}
