using System.Diagnostics;
using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>Fills a staging table on PostgreSQL: the files the ledger lacks, parsed in parallel, streamed through one binary COPY.</summary>
/// <remarks>
/// The parts: <see cref="FileSelection"/> chooses the files, <see cref="ParsePipeline"/> parses them into binary
/// rows, <see cref="BinaryCopyWriter"/> sends the rows, <see cref="FileLedger"/> records the files. Input comes from
/// local folders or S3 prefixes alike (<see cref="IInputSource"/>). A staged file whose content changed has its rows replaced
/// (<see cref="ReplacedRows"/>); a full reload empties the table and stages every file.
/// </remarks>
public sealed class PostgresStager(InputSources sources) : IStager
{
    // Listing thousands of one-song files takes a noticeable time: every source is listed from the start of the process
    // (StartListing, while the server is found and the schema checked) or else as soon as a run's first table starts
    // staging, so the song folders are walked while the database is busy with something else.
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<IInputSource, Task<InputListing>>? _started;
    private Dictionary<StagingTable, Task<InputListing>> _listings = [];
    private StagingRun? _listingsOf;

    public string Source => $"song data {sources.Songs.Location}; log data {sources.Logs.Location}";

    public IReadOnlyList<PlannedStatement> Plan(StagingTable table) =>
        [FileLedger.Read, Truncate(table), FileLedger.Forget(table), .. ReplacedRows.Plan(table), Copy(table), FileLedger.Record(table)];

    /// <summary>PostgreSQL's TRUNCATE is transactional: a failed load rolls it back.</summary>
    private static PlannedStatement Truncate(StagingTable table) => new($"empty {table.Name}", $"truncate table {table.Name}")
    {
        When = RunCondition.Only(f => f.StagedAfresh(table.Name)),
    };

    private PlannedStatement Copy(StagingTable table) => BinaryCopyWriter.Statement(table, sources.For(table).Location);

    public PlannedStatement KeepSkipped => LoadErrorWriter.Copy;

    public Task KeepSkippedAsync(NpgsqlConnection connection, StagingRun run, CancellationToken cancellationToken) =>
        LoadErrorWriter.CopyAsync(connection, run.RunId, run.BadRecords, run.Facts, cancellationToken);

    public string Location(StagingTable table) => sources.For(table).Location;

    public IInputSource Input(StagingTable table) => sources.For(table);

    public Task<InputListing> ListAsync(StagingTable table, CancellationToken cancellationToken) => sources.For(table).ListAsync(cancellationToken);

    public string? RestagesEveryRun => null;

    /// <summary>Yes: each row's file number goes with it in the binary COPY.</summary>
    public bool ReplacesChangedFiles => true;

    /// <summary>None: the rows go to the database by COPY from the client.</summary>
    public IReadOnlyList<PlannedManifest> ManifestsFor(StagingTable table, IReadOnlyList<InputObject> files) => [];

    public async Task<StagingOutcome> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var source = sources.For(table);
        var listed = ListingAsync(table, run, cancellationToken);
        // The ledger is read while the listing may still run.
        var clock = Stopwatch.StartNew();
        var ledger = await FileSelection.LedgerAsync(connection, table, run.Facts, cancellationToken);
        var ledgerRead = clock.Elapsed;
        var listing = await listed;
        var listingWait = clock.Elapsed - ledgerRead;
        if (listing.Others.Count > 0 && run.Policy.OtherFilesAreErrors)
            throw FileSelection.OtherFiles(source.Location, listing);
        var selection = await FileSelection.ChooseAsync(ledger, table, listing, source.Location, ReplacesChangedFiles, cancellationToken,
            verifyFrom: run.Policy.VerifyInput ? source : null);
        selection.Record(table, run.Facts);
        run.Selected?.Invoke(new StagingSelection(table.Name, listing.Files.Count, selection.Files.Count, selection.RestageReason, listingWait,
            ledgerRead) { Others = listing.Others, Cycles = listing.Cycles, Replaced = selection.Replaced.Count, ReplaceReason = selection.ReplaceReason });
        await connection.ExecuteAllAsync([Truncate(table)], run.Facts, cancellationToken);
        await FileLedger.ForgetAsync(connection, table, run.Facts, cancellationToken);
        var replacedRows = await ReplacedRows.MoveAsync(connection, table, selection.Replaced, run.Facts, cancellationToken);

        var files = selection.Files;
        var copy = Copy(table);
        var rows = copy.RunsFor(run.Facts) ? await CopyAsync(connection, copy, table, source, files, run, cancellationToken) : 0;
        run.Facts.Copied(table.Name, rows);
        var bytes = files.Sum(f => f.Size);
        var listedSize = ListingSize.Of(listing.Files);
        run.Progress?.Report(new StagingProgress(table.Name, files.Count, files.Count, rows, bytes));
        return new StagingOutcome(files.Count, rows, selection.RestageReason) { Replaced = selection.Replaced.Count, ReplacedRows = replacedRows, ReplaceReason = selection.ReplaceReason,
            ListedSize = listedSize, Listed = run.KeepsListing?.Invoke(table, listedSize) == true ? listing.Files : null,
        };
    }

    /// <summary>Parses and copies <paramref name="files"/>, then records them in the ledger; returns the rows copied.</summary>
    private static async Task<long> CopyAsync(NpgsqlConnection connection, PlannedStatement copy, StagingTable table, IInputSource source,
        IReadOnlyList<InputObject> files, StagingRun run, CancellationToken cancellationToken)
    {
        var pipeline = new ParsePipeline(table, source, files, run);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parsing = pipeline.Start(stop.Token);
        long rows;
        try
        {
            rows = await BinaryCopyWriter.CopyAsync(connection, copy, table, pipeline.Batches, files.Count, run.Progress, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await parsing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            pipeline.DiscardUnsent();
        }
        // A run either stages every file or fails, so the ledger is the file list plus each file's hash.
        await FileLedger.RecordAsync(connection, table, run.RunId, files.Select((file, i) => new StagedFile(file, pipeline.Hashes[i])), cancellationToken);
        return rows;
    }

    /// <summary>Starts listing every source now, for the next run to take (a later one lists afresh).</summary>
    public Task StartListing(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _started ??= ListEvery(cancellationToken);
            return Task.WhenAll(_started.Values).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>The listing of <paramref name="table"/>'s input for this run: the one started before it, else every source's, started now.</summary>
    /// <remarks>
    /// Each table takes its listing once, and nothing here holds it after: a listing lives only while its table stages. The
    /// 10M-event set's song listing (a third of a million files) is tens of MB, which would otherwise stay through the transform.
    /// A table staged twice in one run lists again.
    /// </remarks>
    private Task<InputListing> ListingAsync(StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_listingsOf, run))
            {
                var every = _started ?? ListEvery(cancellationToken);
                _listings = new[] { StagingTable.Events, StagingTable.Songs }.ToDictionary(each => each, each => every[sources.For(each)]);
                _started = null;
                _listingsOf = run;
            }
            return _listings.Remove(table, out var listing) ? listing : ObservedListing(sources.For(table), cancellationToken);
        }
    }

    private Dictionary<IInputSource, Task<InputListing>> ListEvery(CancellationToken cancellationToken) =>
        new[] { sources.Logs, sources.Songs }.Distinct().ToDictionary(each => each, each => ObservedListing(each, cancellationToken));

    /// <summary>A listing on the thread pool whose failure a run that never takes it (one that stops before staging) leaves unnoticed.</summary>
    private static Task<InputListing> ObservedListing(IInputSource source, CancellationToken cancellationToken)
    {
        var listing = Task.Run(() => source.ListAsync(cancellationToken), cancellationToken);
        _ = listing.ContinueWith(done => done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return listing;
    }
}
