using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Tests only: a batch size for the pipelines started from the current async flow, so that a test can make batches leave
    /// mid-file at will (one byte: after every row) instead of depending on how the files fall to the parsers.
    /// </summary>
    internal static AsyncLocal<int?> BatchBytesHere { get; } = new();

    private readonly int _batchBytes = Math.Min(BatchBytesHere.Value ?? BatchBytes, BatchBytes);

    // Enough to keep the COPY writer busy while parsers work; each batch costs about a megabyte.
    private const int BatchesInFlight = 4;

    /// <summary>From this average size up, files are parsed one core short of the source's parallelism (see <see cref="Parsers"/>).</summary>
    private const long LargeFile = 1 << 20;

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
                parser.FileNumber = checked((int)index);
                Hashes[index] = ParseFile(parser, file, cancellationToken);
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

        /// <summary>The file being parsed: its place in the run's list, which the ledger records beside it and each of its rows carries.</summary>
        public int FileNumber { get; set; }

        public void StartBatch() => Batch = new StagingBatch(BatchCapacity, runId);
    }

    /// <summary>Parses one object into the parser's batch, sending the batch on whenever it fills; returns the hash of the content read.</summary>
    /// <remarks>A dropped read goes on where it stopped, below the parser (<see cref="InputReads.Open"/>): a file is read once, so each of its
    /// rows and bad records is met once, however many of its rows the batches already took to the database.</remarks>
    private UInt128 ParseFile(Parser parser, InputObject file, CancellationToken cancellationToken)
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
            // Optimised from the first record, as the rest of the parse path (docs/design.md, Start-up).
            table.Split(content, name, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (json, line) =>
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
                parser.Batch.Rows.Add(parser.Record, parser.FileNumber);
                if (parser.Batch.Rows.Length >= _batchBytes)
                {
                    Send(parser.Batch, cancellationToken);
                    parser.StartBatch();
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
