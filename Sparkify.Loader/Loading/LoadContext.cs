using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;
using Sparkify.Server;

namespace Sparkify.Loader.Loading;

/// <summary>A load in progress: what its steps share (sessions, the run's scope and facts) and what they found so far.</summary>
public sealed class LoadContext(string connectionString, ILoadObserver observer, RunFacts facts) : IAsyncDisposable
{
    private UnpooledSession? _session;
    private ILoadRunScope? _scope;
    private StagingRun? _staging;

    public string ConnectionString { get; } = connectionString;
    public ILoadObserver Observer { get; } = observer;
    public RunFacts Facts { get; } = facts;

    public TimeSpan LockWait { get; init; }
    public InputPolicy Policy { get; init; } = InputPolicy.Default;
    public required BadRecords BadRecords { get; init; }
    public Func<StagingTable, ListingSize, bool>? KeepsListing { get; init; }

    /// <summary>The load lock, held from before the migrations to the end (a no-op where the run's transaction locks instead).</summary>
    public IAsyncDisposable? Lock { get; set; }

    /// <summary>The run session's connection, once the run is open.</summary>
    public NpgsqlConnection Connection => _session?.Connection ?? throw NotOpen();

    /// <summary>The run's record and transaction, once the run is open; null before.</summary>
    public ILoadRunScope? Scope => _scope;

    public StagingRun Staging => _staging ?? throw NotOpen();

    public StagingProgressCounter Progress { get; } = new(observer);

    public StagingOutcome? Events { get; set; }
    public StagingOutcome? Songs { get; set; }
    public IReadOnlyList<TransformStep> TransformSteps { get; set; } = [];
    public List<(LoadStage Stage, TimeSpan Elapsed)> Stages { get; } = [];
    public LoadResult? Result { get; set; }

    /// <summary>What failed the run, for the steps that record it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Opens the run session and begins the run (recorded in load_runs, in its transaction).</summary>
    public async Task OpenAsync(IWarehouseEngine engine, CancellationToken cancellationToken)
    {
        // A session of its own, never a pooled one: PostgreSQL counts a session's earlier transactions in pg_stat_xact_user_tables
        // until it reports them (at most once a second), and the upkeep reads there what this run changed.
        _session = await UnpooledSession.OpenAsync(LoadSessions.ConnectionString(ConnectionString, LoadSession.Run), cancellationToken);
        _scope = await engine.BeginRunAsync(_session.Connection, engine.Stager.Source, LockWait, Observer.Waiting, cancellationToken);
        _staging = new StagingRun(_scope.RunId, BadRecords, Progress)
        {
            Selected = Observer.StagingSelected, Policy = Policy, Facts = Facts, KeepsListing = KeepsListing,
        };
    }

    /// <summary>Closes the run session (the lock is a step of its own); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _scope, null) is { } scope)
            await scope.DisposeAsync();
        if (Interlocked.Exchange(ref _session, null) is { } session)
            await session.DisposeAsync();
    }

    private static InvalidOperationException NotOpen() => new("The run is not open yet: a step ran before the step that opens it.");
}

/// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool; counts files per table.</summary>
public sealed class StagingProgressCounter(ILoadObserver observer) : IProgress<StagingProgress>
{
    private readonly Dictionary<string, int> _files = [];

    public int Files => _files.Values.Sum();

    public void Report(StagingProgress value)
    {
        _files[value.Table] = value.FilesDone;
        observer.StagingProgressed(value);
    }
}
