using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging.Sources;
using Sparkify.Settings;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>Fills a staging table on Redshift with one COPY from S3 per table, as Redshift's loading guidance advises.</summary>
/// <remarks>
/// With <c>[S3] MANIFEST_PREFIX</c>, a run lists the input prefix with the S3 SDK, compares the objects' ETags with the
/// ledger, and COPYs only the new ones through a manifest it writes under that prefix (new song files first compacted
/// into a few gzip objects); a changed object restages the table from all of them. Without it, every run empties the
/// table and COPYs the whole prefix, which is all Redshift can do with no place to write a manifest.
/// Bad records are skipped by COPY's own MAXERROR; what it skipped is read from the engine's load-error log into the run's bad
/// records, named by the user's file and line (<see cref="LoadErrorSources"/>), so the run counts them against --max-errors and
/// keeps them in load_errors as on PostgreSQL.
/// </remarks>
public sealed partial class RedshiftStager(RedshiftCopySettings settings, Func<IAmazonS3> s3, RedshiftLoadErrorLog errorLog) : IStager
{
    /// <summary>Why a run without a manifest prefix restages every table, for the run's report.</summary>
    public const string WholePrefixReason = "no [S3] MANIFEST_PREFIX is set, so Redshift's COPY reads the whole input prefix every run";

    /// <summary>How far the cluster's clock may run behind ours: a COPY's log rows are read from a little before it began.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    private IAmazonS3? _client;
    private IAmazonS3 Client => _client ??= s3();
    private StagingRun? _checkedFor;

    public string Source => $"song data {settings.SongData}; log data {settings.LogData}";

    /// <summary>Runs copy only new objects, through manifests under <c>[S3] MANIFEST_PREFIX</c>; false: every run copies the whole prefixes.</summary>
    public bool Incremental => settings.ManifestPrefix is not null;

    public string? RestagesEveryRun => Incremental ? null : WholePrefixReason;

    /// <summary>No: COPY cannot tell which object a row came from, nor set a column of its own, so a changed object stages its table afresh.
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html</summary>
    public bool ReplacesChangedFiles => false;

    private bool CompactsSongs(StagingTable table) => Incremental && table == StagingTable.Songs && settings.SongCompactFiles > 0;

    /// <summary>A run's manifest for a table, in the run's folder (a second one for its gzip objects).</summary>
    private static string ManifestUri(string runFolder, bool gzip = false) => runFolder + (gzip ? "/manifest-gzip.json" : "/manifest.json");

    public IReadOnlyList<PlannedStatement> Plan(StagingTable table) =>
    [
        .. Checks(),
        .. Incremental ? IncrementalPlan(table) : [Clear(table), .. Copying(table, Copy(table, null, null, gzip: false))],
        .. table == StagingTable.Events ? [RedshiftEventTimes.Outside] : Array.Empty<PlannedStatement>(),
        .. RedshiftValueRules.Broken(table) is { } rules ? [rules] : Array.Empty<PlannedStatement>(),
    ];

    private IEnumerable<PlannedStatement> IncrementalPlan(StagingTable table) =>
    [
        .. CompactsSongs(table)
            ? [ThroughS3($"rewrite the new song files of {settings.SongData} as up to {settings.SongCompactFiles} gzip NDJSON objects",
                $"writes {settings.RunFolder(null, table)}/part-*.json.gz") with { When = RunCondition.Only(f => f.FilesToStage(table.Name)) }]
            : Array.Empty<PlannedStatement>(),
        .. table == StagingTable.Events
            ? [ThroughS3("write the JSONPaths file of the events' COPY, from staging_events' columns", $"writes {settings.JsonPathsFor(null)}")
                with { When = RunCondition.Only(f => f.FilesToStage(table.Name)) }]
            : Array.Empty<PlannedStatement>(),
        FileLedger.Read,
        Clear(table),
        FileLedger.Forget(table),
        .. Copying(table, Copy(table, null, ManifestUri(settings.RunFolder(null, table)), CompactsSongs(table)) with
        {
            Repeats = CompactsSongs(table) ? null : "once per manifest: one for plain objects, one for gzip ones",
        }),
        LedgerInserts.Insert(table),
    ];

    /// <summary>What a run checks through S3 before its first COPY (the plan lists them with the table staged first).</summary>
    private IEnumerable<PlannedStatement> Checks() =>
    [
        ThroughS3("check that the buckets COPY reads are in [S3] REGION", "asks S3 for each bucket's Region") with { Repeats = FirstCopyOnly },
        .. settings.LogJsonPath is { } given
            ? [ThroughS3("check [S3] LOG_JSONPATH against staging_events' columns", $"reads {given}") with { Repeats = FirstCopyOnly }]
            : Array.Empty<PlannedStatement>(),
    ];

    private const string FirstCopyOnly = "once per run, before its first COPY";

    /// <summary>A step the loader does through S3, shown in the plan as a comment where a statement would be.</summary>
    private static PlannedStatement ThroughS3(string name, string what) => new(name, $"-- done by the loader through S3, not SQL: {what}");

    public PlannedStatement KeepSkipped => LoadErrorWriter.Insert;

    public Task KeepSkippedAsync(NpgsqlConnection connection, StagingRun run, CancellationToken cancellationToken) =>
        LoadErrorWriter.InsertAsync(connection, run.RunId, run.BadRecords, run.Facts, cancellationToken);

    /// <summary>Empties a staging table inside the run's transaction.</summary>
    private PlannedStatement Clear(StagingTable table) => new($"empty {table.Name}", RedshiftCopyStatements.Clear(table))
    {
        When = Incremental ? RunCondition.Only(f => f.StagedAfresh(table.Name)) : RunCondition.Always,
    };

    /// <summary>The COPY of a table's whole prefix, or of the objects a run's <paramref name="manifest"/> lists.</summary>
    private PlannedStatement Copy(StagingTable table, long? runId, string? manifest, bool gzip) => manifest is null
        ? new($"copy {table.Name} from every object under {settings.Input(table)}", RedshiftCopyStatements.Copy(table, settings, runId, gzip: gzip))
        : new($"copy the objects of {settings.Input(table)} not yet in the ledger (by ETag), listed in this run's manifest",
            RedshiftCopyStatements.Copy(table, settings, runId, manifest, gzip)) { When = RunCondition.Only(f => f.FilesToStage(table.Name)) };

    /// <summary>A COPY and what follows each: its skipped records read, its rows given the run's id, and the log read if it fails.</summary>
    private IEnumerable<PlannedStatement> Copying(StagingTable table, PlannedStatement copy) =>
        [copy, errorLog.Failed, errorLog.Skipped with { When = copy.When }, StampRun(table) with { When = copy.When, Repeats = "after each COPY" }];

    /// <summary>COPY cannot set a column to a value of its own, so the rows it just added (run_id still null) get the run's id after it.</summary>
    private static PlannedStatement StampRun(StagingTable table) => new($"give {table.Name}'s new rows this run's id", RedshiftCopyStatements.StampRun(table));

    public string Location(StagingTable table) => settings.Input(table);

    public Task<InputListing> ListAsync(StagingTable table, CancellationToken cancellationToken) => SourceOf(table).ListAsync(cancellationToken);

    public IInputSource Input(StagingTable table) => SourceOf(table);

    private S3PrefixSource SourceOf(StagingTable table) => new(Client, S3Location.Parse(settings.Input(table)));

    public async Task<StagingOutcome> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        await CheckBeforeFirstCopyAsync(run, cancellationToken);
        if (!Incremental)
            return await CopyWholePrefixAsync(connection, table, run, cancellationToken);

        var batch = await PrepareAsync(connection, table, run, cancellationToken);
        var sources = new LoadErrorSources(SourceOf(table), table, batch.Files, batch.Parts);
        long rows = 0;
        foreach (var (manifest, gzip) in batch.Manifests)
            rows += await CopyAsync(connection, table, Copy(table, run.RunId, manifest, gzip), run, sources, cancellationToken);
        run.Facts.Copied(table.Name, rows);
        // An S3 object's checksum in the ledger is its ETag, which the listing gave; its content hash only when --verify-input read it.
        await LedgerInserts.RecordAsync(connection, table, run.RunId, [.. batch.Files.Select(batch.Staged)], run.Facts, cancellationToken);
        return await CopiedAsync(connection, table, run, batch, rows, cancellationToken);
    }

    /// <summary>
    /// Once per run, before its first COPY or S3 write: every bucket COPY reads is in <c>[S3] REGION</c>, and a given
    /// <c>LOG_JSONPATH</c> maps the events' columns as the model does.
    /// </summary>
    private async Task CheckBeforeFirstCopyAsync(StagingRun run, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(_checkedFor, run))
            return;
        await BucketRegions.CheckAsync(Client, settings.Region,
        [
            ("[S3] LOG_DATA", settings.LogData), ("[S3] SONG_DATA", settings.SongData),
            .. settings.ManifestPrefix is { } prefix ? [("[S3] MANIFEST_PREFIX", prefix)] : Array.Empty<(string, string)>(),
            .. settings.LogJsonPath is { } paths ? [("[S3] LOG_JSONPATH", paths)] : Array.Empty<(string, string)>(),
        ], cancellationToken);
        if (settings.LogJsonPath is { } given)
            await CheckJsonPathsAsync(given, cancellationToken);
        _checkedFor = run;
    }

    /// <summary>A LOG_JSONPATH file that would map the events otherwise than the model's columns stops the run before any COPY.</summary>
    private async Task CheckJsonPathsAsync(string uri, CancellationToken cancellationToken)
    {
        var location = S3Location.Parse(uri);
        string text;
        using (var response = await Client.GetObjectAsync(location.Bucket, location.Prefix, cancellationToken))
        using (var reader = new StreamReader(response.ResponseStream))
            text = await reader.ReadToEndAsync(cancellationToken);
        if (RedshiftJsonPaths.Difference(text, StagingTable.Events) is { } difference)
            throw new ConfigurationException($"{uri} ([S3] LOG_JSONPATH): {difference} Fix the file, or leave LOG_JSONPATH empty with MANIFEST_PREFIX set, " +
                "so that each run writes the one the model gives.");
    }

    /// <summary>
    /// After a table's COPYs: what COPY cannot refuse (an event's time out of range, a value the model's rules forbid) is checked,
    /// and the table's progress told.
    /// </summary>
    private async Task<StagingOutcome> CopiedAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, RedshiftBatch batch, long rows,
        CancellationToken cancellationToken)
    {
        if (table == StagingTable.Events && RedshiftEventTimes.Outside.RunsFor(run.Facts))
            await RedshiftEventTimes.CheckAsync(connection, run, settings.Input(table), cancellationToken);
        await RedshiftValueRules.CheckAsync(connection, table, run, settings.Input(table), cancellationToken);
        run.Progress?.Report(new StagingProgress(table.Name, batch.Files.Count, batch.Files.Count, rows, batch.Files.Sum(f => f.Size)));
        return batch.Outcome(rows);
    }

    /// <summary>Without a manifest prefix: one COPY of the whole prefix, which reads every object under it, whatever its name.</summary>
    private async Task<StagingOutcome> CopyWholePrefixAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var batch = await PrepareWholePrefixAsync(table, run, cancellationToken);
        await connection.ExecuteAllAsync([Clear(table)], run.Facts, cancellationToken);
        var gzip = batch.Files.Any(f => InputFileRule.IsGzip(f.Name));
        var sources = new LoadErrorSources(SourceOf(table), table, batch.Files, []);
        var rows = await CopyAsync(connection, table, Copy(table, run.RunId, null, gzip), run, sources, cancellationToken);
        run.Facts.Copied(table.Name, rows);
        return await CopiedAsync(connection, table, run, batch, rows, cancellationToken);
    }

    /// <summary>
    /// Everything of a whole-prefix run's staging but the SQL: lists the input and refuses a prefix that one COPY of it
    /// would read wrongly. The batch holds every object, and the reason the table is staged afresh every run.
    /// </summary>
    /// <remarks>A whole-prefix COPY may run only when every object there is input (<see cref="InputFileRule"/>), all compressed
    /// alike: the rule of what is input is the same on both engines, and an object a COPY of the prefix would read regardless
    /// stops the run instead.</remarks>
    public async Task<RedshiftBatch> PrepareWholePrefixAsync(StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var source = SourceOf(table);
        var clock = Stopwatch.StartNew();
        var listing = await source.ListAsync(cancellationToken);
        run.Selected?.Invoke(new StagingSelection(table.Name, listing.Files.Count, listing.Files.Count, WholePrefixReason, clock.Elapsed, TimeSpan.Zero));
        run.Facts.Chose(table.Name, listing.Files.Count, afresh: true);
        if (listing.Files.Count == 0)
            throw FileSelection.NoInput(source.Location, listing);
        if (listing.Others.Count > 0)
            throw new InputException(listing.Others[0], 0, $"is not an input file ({InputFileRule.Described}), and a COPY of the whole prefix " +
                $"{source.Location} would read it too ({listing.Others.Count:N0} such object(s): {FileSelection.Names(listing.Others)}). " +
                "Move them away, or set [S3] MANIFEST_PREFIX so that runs COPY only the input files, through a manifest.");
        var gzip = listing.Files.Count(f => InputFileRule.IsGzip(f.Name));
        if (gzip > 0 && gzip < listing.Files.Count)
            throw new InputException(source.Location, 0, $"mixes {gzip:N0} gzip objects with {listing.Files.Count - gzip:N0} plain ones, which one COPY of " +
                "the prefix cannot read together. Set [S3] MANIFEST_PREFIX so that runs COPY each kind through a manifest of its own.");
        return new RedshiftBatch(listing.Files, WholePrefixReason, []);
    }

    /// <summary>
    /// Everything of an incremental run's staging but the COPY: lists the input, chooses the objects the ledger lacks
    /// (emptying the table and its ledger if it must be restaged) and writes what the COPY reads: the manifest of what to copy
    /// and, for the events, the JSONPaths file.
    /// </summary>
    public async Task<RedshiftBatch> PrepareAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var source = SourceOf(table);
        // The prefix is listed while the ledger is read.
        var listed = source.ListAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var ledger = await FileSelection.LedgerAsync(connection, table, run.Facts, cancellationToken);
        var ledgerRead = clock.Elapsed;
        var listing = await listed;
        var listingWait = clock.Elapsed - ledgerRead;
        if (listing.Others.Count > 0 && run.Policy.OtherFilesAreErrors)
            throw FileSelection.OtherFiles(source.Location, listing);
        // With --verify-input the loader reads every object to hash it, which is also how the ledger gets the hashes of those COPY reads.
        var selection = await FileSelection.ChooseAsync(ledger, table, listing, source.Location, ReplacesChangedFiles, cancellationToken,
            verifyFrom: run.Policy.VerifyInput ? source : null);
        selection.Record(table, run.Facts);
        run.Selected?.Invoke(new StagingSelection(table.Name, listing.Files.Count, selection.Files.Count, selection.RestageReason, listingWait,
            ledgerRead) { Others = listing.Others });
        await connection.ExecuteAllAsync([Clear(table)], run.Facts, cancellationToken);
        await FileLedger.ForgetAsync(connection, table, run.Facts, cancellationToken);
        if (!run.Facts.FilesToStage(table.Name))
            return new RedshiftBatch(selection.Files, selection.RestageReason, []) { ContentHashes = selection.ContentHashes };

        var folder = settings.RunFolder(run.RunId, table);
        if (table == StagingTable.Events)
            await PutAsync(settings.JsonPathsFor(run.RunId), RedshiftJsonPaths.Document(table), cancellationToken);
        if (CompactsSongs(table))
        {
            // The new song files, plain or gzip, rewritten as a few gzip parts: one manifest, one COPY.
            var parts = await new SongCompactor(Client).CompactAsync(source, selection.Files, S3Location.Parse(folder), settings.SongCompactFiles,
                run.BadRecords, cancellationToken);
            var compacted = await CopyManifest.WriteAsync(Client, ManifestUri(folder), parts.Select(p => new ManifestEntry(p.Uri, p.Size)), cancellationToken);
            return new RedshiftBatch(selection.Files, selection.RestageReason, [(compacted, true)]) { Parts = parts, ContentHashes = selection.ContentHashes };
        }
        var manifests = new List<(string, bool)>();
        foreach (var kind in ByCompression(selection.Files))
            manifests.Add((await CopyManifest.WriteAsync(Client, ManifestUri(folder, kind.Key), kind.Select(f => new ManifestEntry(f.Name, f.Size)),
                cancellationToken), kind.Key));
        return new RedshiftBatch(selection.Files, selection.RestageReason, manifests) { ContentHashes = selection.ContentHashes };
    }

    private async Task PutAsync(string uri, string body, CancellationToken cancellationToken)
    {
        var location = S3Location.Parse(uri);
        await Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = location.Bucket, Key = location.Prefix, ContentBody = body, ContentType = "application/json", UseChunkEncoding = false,
        }, cancellationToken);
    }

    /// <summary>What <see cref="PrepareAsync"/> would write: none without a manifest prefix or with nothing to copy.</summary>
    public IReadOnlyList<PlannedManifest> ManifestsFor(StagingTable table, IReadOnlyList<InputObject> files)
    {
        if (!Incremental || files.Count == 0)
            return [];
        var folder = settings.RunFolder(null, table);
        if (CompactsSongs(table))
        {
            var target = S3Location.Parse(folder);
            var parts = Enumerable.Range(0, SongCompactor.PartCount(files.Count, settings.SongCompactFiles)).Select(i => SongCompactor.PartUri(target, i));
            return [new PlannedManifest(ManifestUri(folder), [.. parts], Compacted: true)];
        }
        return [.. ByCompression(files).Select(kind => new PlannedManifest(ManifestUri(folder, kind.Key), [.. kind.Select(f => f.Name)], Compacted: false))];
    }

    /// <summary>The objects as their manifests take them: COPY's GZIP applies to every file it reads, so plain and gzip ones get a manifest each.</summary>
    private static IEnumerable<IGrouping<bool, InputObject>> ByCompression(IReadOnlyList<InputObject> files) =>
        files.GroupBy(f => InputFileRule.IsGzip(f.Name)).OrderBy(g => g.Key);

    /// <summary>
    /// Runs a COPY, sets aside the records it skipped (one too many fails the run), and gives the rows it added this run's id;
    /// a failed COPY is explained from the load-error log, as the bad record one too many when that is what failed it.
    /// </summary>
    private async Task<long> CopyAsync(NpgsqlConnection connection, StagingTable table, PlannedStatement copy, StagingRun run, LoadErrorSources sources,
        CancellationToken cancellationToken)
    {
        var since = DateTime.SpecifyKind(DateTime.UtcNow - ClockSlack, DateTimeKind.Unspecified);
        var session = connection.ProcessID;
        var said = new CopyNotices();
        long rows;
        connection.Notice += said.Hear;
        try
        {
            rows = await connection.ExecuteAsync(copy, cancellationToken);
        }
        catch (PostgresException e)
        {
            run.Facts.CopyFailed = true;
            var errors = await ReadFailureAsync(connection, session, since, cancellationToken);
            foreach (var (error, text) in await sources.ResolveAsync(errors))
                if (run.BadRecords.TryAdd(error, text) is { } tooMany)
                    throw tooMany;
            throw new RedshiftLoadException(table.Name, errors, e);
        }
        finally
        {
            connection.Notice -= said.Hear;
        }

        var before = run.BadRecords.Count;
        foreach (var (error, text) in await sources.ResolveAsync(await errorLog.SkippedAsync(connection, since, cancellationToken)))
            if (run.BadRecords.TryAdd(error, text) is { } tooMany)
                throw tooMany;
        if (said.Skipped is { } skipped && run.BadRecords.Count - before < skipped)
            throw new RedshiftLoadException(table.Name, $"COPY into {table.Name} skipped {skipped:N0} record(s), but {errorLog.View} shows only " +
                $"{run.BadRecords.Count - before:N0}; the run stops rather than lose records unnamed. (A COPY that ran on a concurrency-scaling cluster " +
                "is missing from STL views: on such a cluster set [CLUSTER] ENGINE = redshift-serverless, which reads sys_load_error_detail.)");
        await connection.ExecuteAsync(StampRun(table), cancellationToken, PlannedCommands.Parameter("run_id", run.RunId));
        return rows;
    }

    /// <summary>Why the COPY failed, from the log, if it can be read: a connection lost with the COPY leaves the COPY's own error to tell.</summary>
    private async Task<IReadOnlyList<RedshiftLoadError>> ReadFailureAsync(NpgsqlConnection connection, int session, DateTime since,
        CancellationToken cancellationToken)
    {
        try
        {
            return await errorLog.ReadFailureAsync(connection, session, since, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            return [];
        }
    }

    /// <summary>What COPY says as it ends: "Load into table 'x' completed, 3 record(s) could not be loaded." under MAXERROR.</summary>
    /// <remarks>The count lets the run notice records skipped but missing from the load-error log it reads
    /// (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html#copy-maxerror: "returns an INFO message that
    /// states the number of rows that could not be loaded").</remarks>
    private sealed partial class CopyNotices
    {
        public long? Skipped { get; private set; }

        public void Hear(object sender, NpgsqlNoticeEventArgs e)
        {
            if (NotLoaded().Match(e.Notice.MessageText) is { Success: true } match)
                Skipped = (Skipped ?? 0) + long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        [GeneratedRegex(@"(\d+) record\(s\) could not be loaded")]
        private static partial Regex NotLoaded();
    }
}
