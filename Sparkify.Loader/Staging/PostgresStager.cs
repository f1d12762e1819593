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
    // Listing thousands of one-song files takes a noticeable time: a run lists every source as soon as its
    // first table starts staging, so the song folders are walked while the events' COPY keeps the database busy.
    private readonly Dictionary<IInputSource, Task<InputListing>> _listings = [];
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
        var clock = Stopwatch.StartNew();
        var listing = await ListingAsync(source, run, cancellationToken);
        var listingWait = clock.Elapsed;
        if (listing.Others.Count > 0 && run.Policy.OtherFilesAreErrors)
            throw FileSelection.OtherFiles(source.Location, listing);
        var selection = await FileSelection.ChooseAsync(connection, table, listing, source.Location, run.Facts, ReplacesChangedFiles, cancellationToken,
            verifyFrom: run.Policy.VerifyInput ? source : null);
        selection.Record(table, run.Facts);
        run.Selected?.Invoke(new StagingSelection(table.Name, listing.Files.Count, selection.Files.Count, selection.RestageReason, listingWait,
            clock.Elapsed - listingWait) { Others = listing.Others, Cycles = listing.Cycles, Replaced = selection.Replaced.Count, ReplaceReason = selection.ReplaceReason });
        await connection.ExecuteAllAsync([Truncate(table)], run.Facts, cancellationToken);
        await FileLedger.ForgetAsync(connection, table, run.Facts, cancellationToken);
        var replacedRows = await ReplacedRows.MoveAsync(connection, table, selection.Replaced, run.Facts, cancellationToken);

        var files = selection.Files;
        var copy = Copy(table);
        var rows = copy.RunsFor(run.Facts) ? await CopyAsync(connection, copy, table, source, files, run, cancellationToken) : 0;
        run.Facts.Copied(table.Name, rows);
        var bytes = files.Sum(f => f.Size);
        run.Progress?.Report(new StagingProgress(table.Name, files.Count, files.Count, rows, bytes));
        return new StagingOutcome(files.Count, rows, selection.RestageReason) { Replaced = selection.Replaced.Count, ReplacedRows = replacedRows, ReplaceReason = selection.ReplaceReason,
            Listed = listing.Files,
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

    /// <summary>The listing of <paramref name="source"/> for this run, having started every source's listing if need be.</summary>
    private Task<InputListing> ListingAsync(IInputSource source, StagingRun run, CancellationToken cancellationToken)
    {
        lock (_listings)
        {
            if (!ReferenceEquals(_listingsOf, run))
            {
                _listings.Clear();
                _listingsOf = run;
            }
            foreach (var each in new[] { sources.Logs, sources.Songs })
                if (!_listings.ContainsKey(each))
                    _listings[each] = Task.Run(() => each.ListAsync(cancellationToken), cancellationToken);
            return _listings[source];
        }
    }
}
