using System.Diagnostics;
using Amazon.S3;
using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>Fills a staging table on Redshift with one COPY from S3 per table, as Redshift's loading guidance advises.</summary>
/// <remarks>
/// With <c>[S3] MANIFEST_PREFIX</c>, a run lists the input prefix with the S3 SDK, compares the objects' ETags with the
/// ledger, and COPYs only the new ones through a manifest it writes under that prefix (new song files first compacted
/// into a few gzip objects); a changed object restages the table from all of them. Without it, every run empties the
/// table and COPYs the whole prefix, which is all Redshift can do with no place to write a manifest.
/// Bad records are skipped by COPY's own MAXERROR (the run's --max-errors); what it skipped is read from stl_load_errors
/// into the run's bad records, so the run counts them and keeps them in load_errors as on PostgreSQL.
/// </remarks>
public sealed class RedshiftStager(RedshiftCopySettings settings, Func<IAmazonS3> s3) : IStager
{
    /// <summary>Why a run without a manifest prefix restages every table, for the run's report.</summary>
    public const string WholePrefixReason = "no [S3] MANIFEST_PREFIX is set, so Redshift's COPY reads the whole input prefix every run";

    private IAmazonS3? _client;
    private IAmazonS3 Client => _client ??= s3();

    public string Source => $"song data {settings.SongData}; log data {settings.LogData}";

    /// <summary>Runs copy only new objects, through manifests under <c>[S3] MANIFEST_PREFIX</c>; false: every run copies the whole prefixes.</summary>
    public bool Incremental => settings.ManifestPrefix is not null;

    public string? RestagesEveryRun => Incremental ? null : WholePrefixReason;

    private bool CompactsSongs(StagingTable table) => Incremental && table == StagingTable.Songs && settings.SongCompactFiles > 0;

    /// <summary>A run's manifest for a table, in the run's folder (a second one for its gzip objects).</summary>
    private static string ManifestUri(string runFolder, bool gzip = false) => runFolder + (gzip ? "/manifest-gzip.json" : "/manifest.json");

    public IReadOnlyList<PlannedStatement> Plan(StagingTable table) => Incremental
        ? [
            .. CompactsSongs(table)
                ? [new PlannedStatement($"rewrite the new song files of {settings.SongData} as up to {settings.SongCompactFiles} gzip NDJSON objects",
                    $"-- done by the loader through S3, not SQL: writes {settings.RunFolder(null, table)}/part-*.json.gz")]
                : Array.Empty<PlannedStatement>(),
            FileLedger.Read,
            Clear(table),
            FileLedger.Forget,
            .. Copying(table, Copy(table, ManifestUri(settings.RunFolder(null, table)), CompactsSongs(table)) with
            {
                Repeats = CompactsSongs(table) ? null : "once per manifest: one for plain objects, one for gzip ones",
            }),
            LedgerInserts.Insert,
            .. EventTimes(table),
        ]
        : [Clear(table), .. Copying(table, Copy(table, null, gzip: false)), .. EventTimes(table)];

    /// <summary>The check of the staged events' times, which only the events' staging runs.</summary>
    private static IEnumerable<PlannedStatement> EventTimes(StagingTable table) => table == StagingTable.Events ? [RedshiftEventTimes.Outside] : [];

    public PlannedStatement KeepSkipped => LoadErrorWriter.Insert;

    public Task KeepSkippedAsync(NpgsqlConnection connection, StagingRun run, CancellationToken cancellationToken) =>
        LoadErrorWriter.InsertAsync(connection, run.RunId, run.BadRecords, cancellationToken);

    /// <summary>Empties a staging table inside the run's transaction.</summary>
    private PlannedStatement Clear(StagingTable table) => new($"empty {table.Name}", RedshiftCopyStatements.Clear(table))
    {
        When = Incremental ? "only on a full reload, when it has no ledger yet or when a staged object changed" : null,
    };

    /// <summary>The COPY of a table's whole prefix, or of the objects a run's <paramref name="manifest"/> lists.</summary>
    private PlannedStatement Copy(StagingTable table, string? manifest, bool gzip) => manifest is null
        ? new($"copy {table.Name} from every object under {settings.Input(table)}", RedshiftCopyStatements.Copy(table, settings, gzip: gzip))
        : new($"copy the objects of {settings.Input(table)} not yet in the ledger (by ETag), listed in this run's manifest",
            RedshiftCopyStatements.Copy(table, settings, manifest, gzip)) { When = "when there are objects to copy" };

    /// <summary>A COPY and what follows each: its skipped records set aside, its rows given the run's id, and the log read if it fails.</summary>
    private static IEnumerable<PlannedStatement> Copying(StagingTable table, PlannedStatement copy) =>
        [copy, RedshiftLoadErrorLog.Failed, RedshiftLoadErrorLog.Skipped, StampRun(table)];

    /// <summary>COPY cannot set a column to a value of its own, so the rows it just added (run_id still null) get the run's id after it.</summary>
    private static PlannedStatement StampRun(StagingTable table) => new($"give {table.Name}'s new rows this run's id", RedshiftCopyStatements.StampRun(table));

    public string Location(StagingTable table) => settings.Input(table);

    public Task<InputListing> ListAsync(StagingTable table, CancellationToken cancellationToken) => SourceOf(table).ListAsync(cancellationToken);

    private S3PrefixSource SourceOf(StagingTable table) => new(Client, S3Location.Parse(settings.Input(table)));

    public async Task<StagingOutcome> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        if (!Incremental)
            return await CopyWholePrefixAsync(connection, table, run, cancellationToken);

        var batch = await PrepareAsync(connection, table, run, cancellationToken);
        long rows = 0;
        foreach (var (manifest, gzip) in batch.Manifests)
            rows += await CopyAsync(connection, table, Copy(table, manifest, gzip), run, cancellationToken);
        // An S3 object's checksum in the ledger is its ETag, which the listing gave.
        await LedgerInserts.RecordAsync(connection, table, run.RunId, [.. batch.Files.Select(f => new StagedFile(f, 0))], cancellationToken);
        return await CopiedAsync(connection, table, run, batch, rows, cancellationToken);
    }

    /// <summary>After a table's COPYs: what COPY cannot refuse (an event's time out of range) is checked, and the table's progress told.</summary>
    private async Task<StagingOutcome> CopiedAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, RedshiftBatch batch, long rows,
        CancellationToken cancellationToken)
    {
        if (table == StagingTable.Events && rows > 0)
            await RedshiftEventTimes.CheckAsync(connection, run, settings.Input(table), cancellationToken);
        run.Progress?.Report(new StagingProgress(table.Name, batch.Files.Count, batch.Files.Count, rows, batch.Files.Sum(f => f.Size)));
        return batch.Outcome(rows);
    }

    /// <summary>Without a manifest prefix: one COPY of the whole prefix, which reads every object under it, whatever its name.</summary>
    private async Task<StagingOutcome> CopyWholePrefixAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var batch = await PrepareWholePrefixAsync(table, run, cancellationToken);
        await connection.ExecuteAsync(Clear(table), cancellationToken);
        var gzip = batch.Files.Any(f => InputFileRule.IsGzip(f.Name));
        var rows = await CopyAsync(connection, table, Copy(table, null, gzip), run, cancellationToken);
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
    /// (emptying the table and its ledger if it must be restaged) and writes the manifest of what to copy.
    /// </summary>
    public async Task<RedshiftBatch> PrepareAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var source = SourceOf(table);
        var clock = Stopwatch.StartNew();
        var listing = await source.ListAsync(cancellationToken);
        var listed = clock.Elapsed;
        if (listing.Others.Count > 0 && run.Policy.OtherFilesAreErrors)
            throw FileSelection.OtherFiles(source.Location, listing);
        var selection = await FileSelection.ChooseAsync(connection, table, listing, source.Location, run.FullReload, cancellationToken);
        run.Selected?.Invoke(new StagingSelection(table.Name, listing.Files.Count, selection.Files.Count, selection.RestageReason, listed,
            clock.Elapsed - listed) { Others = listing.Others });
        if (selection.RestageReason is not null)
        {
            await connection.ExecuteAsync(Clear(table), cancellationToken);
            await FileLedger.ForgetAsync(connection, table, cancellationToken);
        }
        if (selection.Files.Count == 0)
            return new RedshiftBatch(selection.Files, selection.RestageReason, []);

        var folder = settings.RunFolder(run.RunId, table);
        if (CompactsSongs(table))
        {
            // The new song files, plain or gzip, rewritten as a few gzip parts: one manifest, one COPY.
            var parts = await new SongCompactor(Client).CompactAsync(source, selection.Files, S3Location.Parse(folder), settings.SongCompactFiles, cancellationToken);
            var compacted = await CopyManifest.WriteAsync(Client, ManifestUri(folder), parts.Select(p => new ManifestEntry(p.Uri, p.Size)), cancellationToken);
            return new RedshiftBatch(selection.Files, selection.RestageReason, [(compacted, true)]);
        }
        var manifests = new List<(string, bool)>();
        foreach (var kind in ByCompression(selection.Files))
            manifests.Add((await CopyManifest.WriteAsync(Client, ManifestUri(folder, kind.Key), kind.Select(f => new ManifestEntry(f.Name, f.Size)),
                cancellationToken), kind.Key));
        return new RedshiftBatch(selection.Files, selection.RestageReason, manifests);
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
    /// a failed COPY is explained from Redshift's load-error log.
    /// </summary>
    private static async Task<long> CopyAsync(NpgsqlConnection connection, StagingTable table, PlannedStatement copy, StagingRun run,
        CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow.AddSeconds(-5); // the cluster's clock may run a little behind ours
        long rows;
        try
        {
            rows = await connection.ExecuteAsync(copy, cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new RedshiftLoadException(table.Name, await RedshiftLoadErrorLog.ReadFailureAsync(connection, started, cancellationToken), e);
        }
        if (run.BadRecords.MaxErrors > 0 && await RedshiftLoadErrorLog.SetAsideSkippedAsync(connection, run.BadRecords, cancellationToken) is { } tooMany)
            throw tooMany;
        await connection.ExecuteAsync(StampRun(table), cancellationToken, PlannedCommands.Parameter("run_id", run.RunId));
        return rows;
    }
}
