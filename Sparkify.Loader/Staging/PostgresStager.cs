using System.Threading.Channels;
using Npgsql;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>Fills a staging table on PostgreSQL: files are parsed in parallel and streamed through one binary COPY.</summary>
/// <remarks>
/// A bounded channel sits between the parsers and the COPY writer, so memory holds a fixed number of
/// batches whatever the input's size, and parsing overlaps with the database's work. Input comes from
/// local folders or S3 prefixes alike (<see cref="IInputSource"/>).
/// Only files missing from the ledger of loaded files are staged, added to what earlier runs staged;
/// a full reload, or a staged file whose content changed, empties the table and stages every file.
/// </remarks>
public sealed class PostgresStager(InputSources sources) : IStager
{
    /// <summary>A batch's buffer: a size the shared array pool keeps, so batches reuse a few buffers.</summary>
    private const int BatchCapacity = 1 << 20;

    /// <summary>A batch goes to the writer once this full (a few thousand rows), leaving room for the row that crosses it.</summary>
    private const int BatchBytes = BatchCapacity - BatchCapacity / 8;

    // Enough to keep the COPY writer busy while parsers work; each batch costs about a megabyte.
    private const int BatchesInFlight = 4;

    /// <summary>From this average size up, files are parsed one core short of the source's parallelism (see <see cref="Parsers"/>).</summary>
    private const long LargeFile = 1 << 20;

    /// <summary>Tries per object when reading it fails before any of its rows went to the database.</summary>
    private const int Attempts = 3;

    // Listing thousands of one-song files takes a noticeable time: a run lists every source as soon as its
    // first table starts staging, so the song folders are walked while the events' COPY keeps the database busy.
    private readonly Dictionary<IInputSource, Task<IReadOnlyList<InputObject>>> _listings = [];
    private StagingRun? _listingsOf;

    public string Source => $"song data {sources.Songs.Location}; log data {sources.Logs.Location}";

    public IReadOnlyList<PlannedStatement> Plan(StagingTable table) =>
    [
        new($"empty {table.Name}, only on a full reload or when a staged file changed", TruncateStatement(table)),
        new($"copy the files of {sources.For(table).Location} not yet in the ledger", table.CopyStatement),
    ];

    // Fresh statistics for the transforms' joins: the planner would otherwise guess at tables just filled.
    public IReadOnlyList<PlannedStatement> BeforeTransforms { get; } =
    [
        .. new[] { StagingTable.Events, StagingTable.Songs }
            .Select(t => new PlannedStatement($"statistics of {t.Name} for the transforms' joins", $"analyze {t.Name}")),
    ];

    public async Task<long> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var source = sources.For(table);
        var found = await ListingAsync(source, run, cancellationToken);
        var files = run.FullReload ? null : (await FileLedger.ReadAsync(connection, table, cancellationToken)).NewFiles(found, out _);
        if (files is null)
        {
            // PostgreSQL's TRUNCATE is transactional: a failed load rolls it back.
            await using (var truncate = new NpgsqlCommand(TruncateStatement(table), connection))
                await truncate.ExecuteNonQueryAsync(cancellationToken);
            await FileLedger.ForgetAsync(connection, table, cancellationToken);
            files = found;
        }
        // A run either stages every file or fails, so the ledger is the file list plus each file's hash.
        var hashes = new UInt128[files.Count];
        var filesDone = 0;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<StagingBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true });
        var parsing = Task.Factory.StartNew(() => ParseAll(table, source, files, hashes, run.BadRecords, batches.Writer, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        long rows = 0, bytes = 0;
        try
        {
            // Raw binary COPY: the rows arrive already encoded, so this loop only moves bytes.
            await using var copy = await connection.BeginRawBinaryCopyAsync(table.CopyStatement, cancellationToken);
            try
            {
                await copy.WriteAsync(BinaryCopyRows.Header, cancellationToken);
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    using (batch)
                        await copy.WriteAsync(batch.Rows.Bytes, cancellationToken);
                    rows += batch.Rows.Count;
                    bytes += batch.Bytes;
                    filesDone += batch.FilesDone;
                    run.Progress?.Report(new StagingProgress(table.Name, filesDone, files.Count, rows, bytes));
                }
                await copy.WriteAsync(BinaryCopyRows.Trailer, cancellationToken);
            }
            catch
            {
                // Disposing a raw COPY stream would end the COPY as complete; a failed one must be cancelled.
                await CancelAfterFailureAsync(copy);
                throw;
            }
            run.Progress?.Report(new StagingProgress(table.Name, filesDone, files.Count, rows, bytes));
        }
        finally
        {
            await stop.CancelAsync();
            await parsing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            // Batches the writer never took back (a failed run) return their buffers to the pool.
            while (batches.Reader.TryRead(out var unsent))
                unsent.Dispose();
        }
        await FileLedger.RecordAsync(connection, table, run.RunId, files.Select((file, i) => new StagedFile(file, hashes[i])), cancellationToken);
        return rows;
    }

    /// <summary>The listing of <paramref name="source"/> for this run, having started every source's listing if need be.</summary>
    private Task<IReadOnlyList<InputObject>> ListingAsync(IInputSource source, StagingRun run, CancellationToken cancellationToken)
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

    private static async Task CancelAfterFailureAsync(NpgsqlRawCopyStream copy)
    {
        try
        {
            await copy.CancelAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // The connection itself failed, so cancelling did too: the error being handled is the one to report.
        }
    }

    private static string TruncateStatement(StagingTable table) => $"truncate table {table.Name}";

    /// <summary>Parses every file into batches for the writer, and each file's content hash into <paramref name="hashes"/>.</summary>
    private static void ParseAll(StagingTable table, IInputSource source, IReadOnlyList<InputObject> files, UInt128[] hashes,
        BadRecords badRecords, ChannelWriter<StagingBatch> output, CancellationToken cancellationToken)
    {
        try
        {
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = Parsers(source, files),
                CancellationToken = cancellationToken,
            };
            Parallel.ForEach(files, options, () => new Parser(table), (file, _, index, parser) =>
            {
                hashes[index] = ParseWithRetry(parser, source, file, badRecords, output, cancellationToken);
                return parser;
            }, parser =>
            {
                if (parser.Batch.Rows.Count > 0 || parser.Batch.FilesDone > 0)
                    Send(output, parser.Batch, cancellationToken);
                else
                    parser.Batch.Dispose();
            });
            output.Complete();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            output.Complete(e.InnerExceptions.FirstOrDefault(x => x is InputException) ?? e.InnerExceptions[0]);
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    /// <summary>How many files to parse at once: as many as the source reads at once, less one for large files.</summary>
    /// <remarks>
    /// Large files (the event logs) make parsing CPU-bound, and the database's COPY of their rows needs a core
    /// of its own: on two cores a second parser slowed the 1M set's events by about a tenth. Many small files
    /// (one song each) spend their time opening and closing files instead, and every parser helps.
    /// </remarks>
    private static int Parsers(IInputSource source, IReadOnlyList<InputObject> files)
    {
        var averageSize = files.Count == 0 ? 0 : files.Sum(f => f.Size) / files.Count;
        return averageSize >= LargeFile ? Math.Max(1, source.ReadParallelism - 1) : source.ReadParallelism;
    }

    /// <summary>One parser thread's state: its record parser, the record it reuses, and the batch it is filling.</summary>
    private sealed class Parser(StagingTable table)
    {
        public RecordParser Records { get; } = new(table);
        public StagingRecord Record { get; } = new(table);
        public StagingBatch Batch { get; set; } = NewBatch();

        public static StagingBatch NewBatch() => new(BatchCapacity);
    }

    /// <summary>
    /// Reads one object, again from the start if the read fails (a dropped connection, say) before any of
    /// its rows left this parser: its rows so far are taken out of the batch. Rows already sent to COPY
    /// cannot be taken back, so then the run fails. Returns the hash of the content read.
    /// </summary>
    private static UInt128 ParseWithRetry(Parser parser, IInputSource source, InputObject file, BadRecords badRecords,
        ChannelWriter<StagingBatch> output, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var batch = parser.Batch;
            var (firstByte, firstRow) = (batch.Rows.Length, batch.Rows.Count);
            try
            {
                return ParseFile(parser, source, file, badRecords, output, cancellationToken);
            }
            catch (Exception e) when (e is IOException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException
                                      && ReferenceEquals(batch, parser.Batch) && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                batch.Rows.Truncate(firstByte, firstRow);
                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt * attempt));
            }
        }
    }

    private static UInt128 ParseFile(Parser parser, IInputSource source, InputObject file, BadRecords badRecords,
        ChannelWriter<StagingBatch> output, CancellationToken cancellationToken)
    {
        var name = file.Name;
        var records = 0;
        InputException? overLimit = null; // thrown through the splitter; must not be counted twice
        using var stream = new ChecksumStream(source.Open(file, cancellationToken));

        void SetAside(InputException error, ReadOnlySpan<byte> raw)
        {
            overLimit = badRecords.TryAdd(error, raw);
            if (overLimit is not null)
                throw overLimit;
        }

        try
        {
            parser.Records.Table.Split(stream, name, (json, line) =>
            {
                records++;
                try
                {
                    parser.Records.Parse(json, name, line, parser.Record);
                }
                catch (InputException error)
                {
                    SetAside(error, json);
                    return;
                }
                parser.Batch.Rows.Add(parser.Record);
                if (parser.Batch.Rows.Length >= BatchBytes)
                {
                    Send(output, parser.Batch, cancellationToken);
                    parser.Batch = Parser.NewBatch();
                }
            }, badLine =>
            {
                records++;
                SetAside(badLine, System.Text.Encoding.UTF8.GetBytes(badLine.RawText ?? ""));
            });
            if (records == 0)
                throw new InputException(name, 0, "the file holds no JSON object (an empty file?).");
        }
        catch (InputException error) when (!ReferenceEquals(error, overLimit))
        {
            // A file-level problem (truncated, not JSON, empty): the rest of this file cannot be read.
            if (badRecords.TryAdd(error) is { } tooMany)
                throw tooMany;
            stream.CopyTo(Stream.Null); // the ledger's checksum is of the whole file, as a later run computes it
        }
        parser.Batch.FilesDone++;
        parser.Batch.Bytes += file.Size;
        return stream.Checksum();
    }

    // Blocking here is the back-pressure that keeps memory flat: parsers wait while the COPY catches up.
    private static void Send(ChannelWriter<StagingBatch> output, StagingBatch batch, CancellationToken cancellationToken) =>
        output.WriteAsync(batch, cancellationToken).AsTask().GetAwaiter().GetResult();
}
