using System.Threading.Channels;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>Parses input files on several threads into batches of binary COPY rows, handed to the writer through a bounded channel.</summary>
/// <remarks>
/// The channel holds a fixed number of batches whatever the input's size, so memory stays flat, and parsing
/// overlaps with the database's COPY. Each file's content hash is taken on the way, for the ledger.
/// </remarks>
internal sealed class ParsePipeline(StagingTable table, IInputSource source, IReadOnlyList<InputObject> files, StagingRun run)
{
    /// <summary>A batch's buffer: a size the shared array pool keeps, so batches reuse a few buffers.</summary>
    private const int BatchCapacity = 1 << 20;

    /// <summary>A batch goes to the writer once this full (a few thousand rows), leaving room for the row that crosses it.</summary>
    private const int BatchBytes = BatchCapacity - BatchCapacity / 8;

    // Enough to keep the COPY writer busy while parsers work; each batch costs about a megabyte.
    private const int BatchesInFlight = 4;

    /// <summary>From this average size up, files are parsed one core short of the source's parallelism (see <see cref="Parsers"/>).</summary>
    private const long LargeFile = 1 << 20;

    /// <summary>Reads per object when reading it fails.</summary>
    private const int Attempts = 3;

    private readonly Channel<StagingBatch> _batches =
        Channel.CreateBounded<StagingBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true });

    /// <summary>Each file's content hash, by its index in the file list, once parsed.</summary>
    public UInt128[] Hashes { get; } = new UInt128[files.Count];

    /// <summary>The batches, in no particular order; the channel completes with the first error that stops parsing.</summary>
    public ChannelReader<StagingBatch> Batches => _batches.Reader;

    /// <summary>Parses every file on a thread of its own (the parsers block on the channel when the writer falls behind).</summary>
    public Task Start(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => ParseAll(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Gives back the buffers of batches the writer never took (a failed run).</summary>
    public void DiscardUnsent()
    {
        while (_batches.Reader.TryRead(out var unsent))
            unsent.Dispose();
    }

    private void ParseAll(CancellationToken cancellationToken)
    {
        var output = _batches.Writer;
        try
        {
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = Parsers(),
                CancellationToken = cancellationToken,
            };
            var eventTimes = run.EventTimes;
            Parallel.ForEach(files, options, () => new Parser(table, run.RunId, eventTimes), (file, _, index, parser) =>
            {
                Hashes[index] = ParseWithRetry(parser, file, cancellationToken);
                return parser;
            }, parser =>
            {
                if (parser.Batch.Rows.Count > 0 || parser.Batch.FilesDone > 0)
                    Send(parser.Batch, cancellationToken);
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
    private int Parsers()
    {
        var averageSize = files.Count == 0 ? 0 : files.Sum(f => f.Size) / files.Count;
        return averageSize >= LargeFile ? Math.Max(1, source.ReadParallelism - 1) : source.ReadParallelism;
    }

    /// <summary>One parser thread's state: its record parser, the record it reuses, and the batch it is filling.</summary>
    private sealed class Parser(StagingTable table, long runId, EventTimeWindow eventTimes)
    {
        public RecordParser Records { get; } = new(table, eventTimes);
        public StagingRecord Record { get; } = new(table);
        public StagingBatch Batch { get; set; } = new(BatchCapacity, runId);

        public void StartBatch() => Batch = new StagingBatch(BatchCapacity, runId);
    }

    /// <summary>
    /// Reads one object, again from the start if the read fails (a dropped connection, say): its rows still in this parser's
    /// batch are taken out, and those a batch already took to the database are skipped on the next read, so each row is
    /// staged once however often the object is read. Returns the hash of the content read.
    /// </summary>
    private UInt128 ParseWithRetry(Parser parser, InputObject file, CancellationToken cancellationToken)
    {
        var read = new FileRead();
        for (var attempt = 1; ; attempt++)
        {
            read.Restart(parser.Batch);
            try
            {
                return ParseFile(parser, file, read, cancellationToken);
            }
            catch (Exception e) when (e is IOException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException
                                      && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                parser.Batch.Rows.Truncate(read.BatchStartBytes, read.BatchStartRows);
                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt * attempt));
            }
        }
    }

    /// <summary>Where the reads of one object stand: which of its rows went to the database, and where its rows begin in the batch.</summary>
    private sealed class FileRead
    {
        /// <summary>The object's rows, in file order, that a batch already took: a read again skips them.</summary>
        public int Sent { get; set; }

        /// <summary>The row being read, counted from the object's first.</summary>
        public int Row { get; set; }

        public int BatchStartBytes { get; set; }
        public int BatchStartRows { get; set; }

        public void Restart(StagingBatch batch)
        {
            Row = 0;
            (BatchStartBytes, BatchStartRows) = (batch.Rows.Length, batch.Rows.Count);
        }
    }

    private UInt128 ParseFile(Parser parser, InputObject file, FileRead read, CancellationToken cancellationToken)
    {
        var name = file.Name;
        var records = 0;
        var badRecords = run.BadRecords;
        InputException? overLimit = null; // thrown through the splitter; must not be counted twice
        using var stream = new ChecksumStream(source.Open(file, cancellationToken));
        using var content = InputFileRule.Decode(stream, file);

        void SetAside(InputException error, ReadOnlySpan<byte> raw)
        {
            overLimit = badRecords.TryAdd(error, raw);
            if (overLimit is not null)
                throw overLimit;
        }

        try
        {
            table.Split(content, name, (json, line) =>
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
                if (read.Row++ < read.Sent)
                    return; // staged from an earlier read of this object
                parser.Batch.Rows.Add(parser.Record);
                if (parser.Batch.Rows.Length >= BatchBytes)
                {
                    Send(parser.Batch, cancellationToken);
                    parser.StartBatch();
                    (read.Sent, read.BatchStartBytes, read.BatchStartRows) = (read.Row, 0, 0);
                }
            }, badLine =>
            {
                records++;
                SetAside(badLine, System.Text.Encoding.UTF8.GetBytes(badLine.RawText ?? ""));
            });
            if (records == 0)
                throw new InputException(name, 0, "the file holds no JSON object (an empty file?).");
            stream.CopyTo(Stream.Null); // past a gzip stream's end, so the checksum covers the whole file
        }
        catch (InvalidDataException e)
        {
            // A gzip file whose compressed data is damaged: as bad as a truncated file, and the rest cannot be read.
            if (badRecords.TryAdd(new InputException(name, 0, $"is not valid gzip data: {e.Message}")) is { } tooMany)
                throw tooMany;
            stream.CopyTo(Stream.Null);
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
    private void Send(StagingBatch batch, CancellationToken cancellationToken) =>
        _batches.Writer.WriteAsync(batch, cancellationToken).AsTask().GetAwaiter().GetResult();
}
