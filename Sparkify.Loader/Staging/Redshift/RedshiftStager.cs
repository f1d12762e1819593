using System.Diagnostics;
using Amazon.S3;
using Npgsql;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>Fills a staging table on Redshift with one COPY from S3 per table, as Redshift's loading guidance advises.</summary>
/// <remarks>
/// With <c>[S3] MANIFEST_PREFIX</c>, a run lists the input prefix with the S3 SDK, compares the objects' ETags with the
/// ledger, and COPYs only the new ones through a manifest it writes under that prefix (new song files first compacted
/// into a few gzip objects); a changed object restages the table from all of them. Without it, every run empties the
/// table and COPYs the whole prefix, which is all Redshift can do with no place to write a manifest.
/// Bad records are skipped by COPY's own MAXERROR and logged in stl_load_errors.
/// </remarks>
public sealed class RedshiftStager(RedshiftCopySettings settings, Func<IAmazonS3> s3) : IStager
{
    /// <summary>The newest load errors of one session since a moment: what the failed COPY left in the log.</summary>
    /// <remarks>https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html</remarks>
    public const string LoadErrorsQuery = """
        select trim(filename), line_number, trim(colname), err_code, trim(err_reason), trim(raw_field_value)
        from stl_load_errors
        where session = @session and starttime >= @since
        order by starttime desc
        limit 10
        """;

    /// <summary>Why a run without a manifest prefix restages every table, for the run's report.</summary>
    public const string WholePrefixReason = "no [S3] MANIFEST_PREFIX is set, so Redshift's COPY reads the whole input prefix every run";

    private IAmazonS3? _client;
    private IAmazonS3 Client => _client ??= s3();

    public string Source => $"song data {settings.SongData}; log data {settings.LogData}";

    private bool Incremental => settings.ManifestPrefix is not null;

    private bool CompactsSongs(StagingTable table) => Incremental && table == StagingTable.Songs && settings.SongCompactFiles > 0;

    /// <summary>A run's manifest for a table, in the run's folder.</summary>
    private static string ManifestUri(string runFolder) => runFolder + "/manifest.json";

    public IReadOnlyList<PlannedStatement> Plan(StagingTable table) => Incremental
        ? [
            .. CompactsSongs(table)
                ? [new PlannedStatement($"rewrite the new song files of {settings.SongData} as up to {settings.SongCompactFiles} gzip NDJSON objects",
                    $"-- done by the loader through S3, not SQL: writes {settings.RunFolder(null, table)}/part-*.json.gz")]
                : Array.Empty<PlannedStatement>(),
            new($"empty {table.Name}, only on a full reload, when it has no ledger yet or when a staged object changed", RedshiftCopyStatements.Clear(table)),
            new($"copy the objects of {settings.Input(table)} not yet in the ledger (by ETag), listed in this run's manifest",
                RedshiftCopyStatements.Copy(table, settings, ManifestUri(settings.RunFolder(null, table)), CompactsSongs(table))),
            new($"give {table.Name}'s new rows this run's id", RedshiftCopyStatements.StampRun(table)),
            new("record the copied objects in the ledger, a thousand rows per INSERT", "insert into loaded_files (path, table_name, size, modified_at, checksum, run_id) values (…)"),
        ]
        : [
            new($"empty {table.Name}", RedshiftCopyStatements.Clear(table)),
            new($"copy {table.Name} from S3", RedshiftCopyStatements.Copy(table, settings)),
            new($"give {table.Name}'s new rows this run's id", RedshiftCopyStatements.StampRun(table)),
        ];

    public Task<IReadOnlyList<InputObject>> ListAsync(StagingTable table, CancellationToken cancellationToken) =>
        new S3PrefixSource(Client, S3Location.Parse(settings.Input(table))).ListAsync(cancellationToken);

    public async Task<StagingOutcome> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        if (!Incremental)
        {
            await ExecuteAsync(connection, RedshiftCopyStatements.Clear(table), cancellationToken);
            var all = await CopyAsync(connection, table, RedshiftCopyStatements.Copy(table, settings), run, cancellationToken);
            run.Progress?.Report(new StagingProgress(table.Name, 1, 1, all, 0));
            return new StagingOutcome(1, all, WholePrefixReason);
        }

        var batch = await PrepareAsync(connection, table, run, cancellationToken);
        long rows = 0;
        if (batch.Manifest is { } manifest)
        {
            rows = await CopyAsync(connection, table, RedshiftCopyStatements.Copy(table, settings, manifest, batch.Gzip), run, cancellationToken);
            // An S3 object's checksum in the ledger is its ETag, which the listing gave.
            await LedgerInserts.RecordAsync(connection, table, run.RunId, [.. batch.Files.Select(f => new StagedFile(f, 0))], cancellationToken);
        }
        run.Progress?.Report(new StagingProgress(table.Name, batch.Files.Count, batch.Files.Count, rows, batch.Files.Sum(f => f.Size)));
        return new StagingOutcome(batch.Files.Count, rows, batch.RestageReason);
    }

    /// <summary>
    /// Everything of an incremental run's staging but the COPY: lists the input, chooses the objects the ledger lacks
    /// (emptying the table and its ledger if it must be restaged) and writes the manifest of what to copy.
    /// </summary>
    public async Task<RedshiftBatch> PrepareAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var source = new S3PrefixSource(Client, S3Location.Parse(settings.Input(table)));
        var clock = Stopwatch.StartNew();
        var listed = await source.ListAsync(cancellationToken);
        var listing = clock.Elapsed;
        var selection = await FileSelection.ChooseAsync(connection, table, listed, run.FullReload, cancellationToken);
        run.Selected?.Invoke(new StagingSelection(table.Name, listed.Count, selection.Files.Count, selection.RestageReason, listing, clock.Elapsed - listing));
        if (selection.RestageReason is not null)
        {
            await ExecuteAsync(connection, RedshiftCopyStatements.Clear(table), cancellationToken);
            await FileLedger.ForgetAsync(connection, table, cancellationToken);
        }
        if (selection.Files.Count == 0)
            return new RedshiftBatch(selection.Files, selection.RestageReason, null, false);

        // The new objects themselves, or the gzip parts the new song files were compacted into.
        var folder = settings.RunFolder(run.RunId, table);
        IEnumerable<ManifestEntry> entries = CompactsSongs(table)
            ? (await new SongCompactor(Client).CompactAsync(source, selection.Files, S3Location.Parse(folder), settings.SongCompactFiles, cancellationToken))
                .Select(part => new ManifestEntry(part.Uri, part.Size))
            : selection.Files.Select(file => new ManifestEntry(file.Name, file.Size));
        var manifest = await CopyManifest.WriteAsync(Client, ManifestUri(folder), entries, cancellationToken);
        return new RedshiftBatch(selection.Files, selection.RestageReason, manifest, CompactsSongs(table));
    }

    /// <summary>Runs a COPY and gives the rows it added this run's id; a failed COPY is explained from Redshift's load-error log.</summary>
    private static async Task<long> CopyAsync(NpgsqlConnection connection, StagingTable table, string copySql, StagingRun run, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow.AddSeconds(-5); // the cluster's clock may run a little behind ours
        long rows;
        await using (var copy = new NpgsqlCommand(copySql, connection) { CommandTimeout = 0 })
        {
            try
            {
                rows = await copy.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e)
            {
                // The failed COPY aborted this session's transaction; the log is read through a second session.
                throw new RedshiftLoadException(table.Name, await ReadLoadErrorsAsync(connection, started, cancellationToken), e);
            }
        }
        await using (var stamp = new NpgsqlCommand(RedshiftCopyStatements.StampRun(table), connection) { Parameters = { new("run_id", run.RunId) } })
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<RedshiftLoadError>> ReadLoadErrorsAsync(NpgsqlConnection failed, DateTime since, CancellationToken cancellationToken)
    {
        var errors = new List<RedshiftLoadError>();
        // A clone keeps the password, which an open connection's string no longer shows.
        await using var connection = failed.CloneWith(failed.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(LoadErrorsQuery, connection)
        {
            Parameters = { new("session", failed.ProcessID), new("since", since) },
        };
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            errors.Add(new RedshiftLoadError(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetString(4), reader.IsDBNull(5) ? "" : reader.GetString(5)));
        return errors;
    }
}
