using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
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
    private const int BatchRows = 4096;
    // Enough to keep the COPY writer busy while parsers work; each batch of rows costs a few MB.
    private const int BatchesInFlight = 4;

    /// <summary>Tries per object when reading it fails before any of its rows went to the database.</summary>
    private const int Attempts = 3;

    public string Source => $"song data {sources.Songs.Location}; log data {sources.Logs.Location}";

    public IReadOnlyList<PlannedStatement> Plan(StagingTable table) =>
    [
        new($"empty {table.Name}, only on a full reload or when a staged file changed", TruncateStatement(table)),
        new($"copy the files of {sources.For(table).Location} not yet in the ledger", table.CopyStatement),
    ];

    public async Task<long> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var source = sources.For(table);
        var found = await source.ListAsync(cancellationToken);
        var files = run.FullReload ? null : (await FileLedger.ReadAsync(connection, table, cancellationToken)).NewFiles(found, out _);
        if (files is null)
        {
            // PostgreSQL's TRUNCATE is transactional: a failed load rolls it back.
            await using (var truncate = new NpgsqlCommand(TruncateStatement(table), connection))
                await truncate.ExecuteNonQueryAsync(cancellationToken);
            await FileLedger.ForgetAsync(connection, table, cancellationToken);
            files = found;
        }
        var staged = new List<StagedFile>(files.Count);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<StagingBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true });
        var parsing = Task.Factory.StartNew(() => ParseAll(table, source, files, run.BadRecords, batches.Writer, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        long rows = 0, bytes = 0;
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync(table.CopyStatement, cancellationToken);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var row in batch.Rows)
                    WriteRow(importer, table, row);
                rows += batch.Rows.Count;
                bytes += batch.Bytes;
                staged.AddRange(batch.Files);
                run.Progress?.Report(new StagingProgress(table.Name, staged.Count, files.Count, rows, bytes));
            }
            await importer.CompleteAsync(cancellationToken);
            run.Progress?.Report(new StagingProgress(table.Name, staged.Count, files.Count, rows, bytes));
        }
        finally
        {
            await stop.CancelAsync();
            await parsing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        await FileLedger.RecordAsync(connection, table, run.RunId, staged, cancellationToken);
        // Fresh statistics for the transforms' joins (Redshift's COPY does this itself with STATUPDATE ON).
        await using (var analyze = new NpgsqlCommand($"analyze {table.Name}", connection))
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        return rows;
    }

    private static string TruncateStatement(StagingTable table) => $"truncate table {table.Name}";

    private static void ParseAll(StagingTable table, IInputSource source, IReadOnlyList<InputObject> files, BadRecords badRecords,
        ChannelWriter<StagingBatch> output, CancellationToken cancellationToken)
    {
        try
        {
            // Leave a core for the COPY writer; many small files (one song each) make this worth it, and
            // for S3 it bounds the objects in flight.
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1),
                CancellationToken = cancellationToken,
            };
            Parallel.ForEach(files, options, () => new Parser(new RecordParser(table)), (file, _, parser) =>
            {
                ParseWithRetry(parser, source, file, badRecords, output, cancellationToken);
                return parser;
            }, parser =>
            {
                if (parser.Batch.Rows.Count > 0 || parser.Batch.Files.Count > 0)
                    Send(output, parser.Batch, cancellationToken);
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

    /// <summary>One parser thread's state: its record parser, and the batch it is filling.</summary>
    private sealed class Parser(RecordParser records)
    {
        public RecordParser Records { get; } = records;
        public StagingBatch Batch { get; set; } = new();
    }

    /// <summary>
    /// Reads one object, again from the start if the read fails (a dropped connection, say) before any of
    /// its rows left this parser: its rows so far are taken out of the batch. Rows already sent to COPY
    /// cannot be taken back, so then the run fails.
    /// </summary>
    private static void ParseWithRetry(Parser parser, IInputSource source, InputObject file, BadRecords badRecords,
        ChannelWriter<StagingBatch> output, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var batch = parser.Batch;
            var firstRow = batch.Rows.Count;
            try
            {
                ParseFile(parser, source, file, badRecords, output, cancellationToken);
                return;
            }
            catch (Exception e) when (e is IOException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException
                                      && ReferenceEquals(batch, parser.Batch) && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                batch.Rows.RemoveRange(firstRow, batch.Rows.Count - firstRow);
                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt * attempt));
            }
        }
    }

    private static void ParseFile(Parser parser, IInputSource source, InputObject file, BadRecords badRecords,
        ChannelWriter<StagingBatch> output, CancellationToken cancellationToken)
    {
        var name = file.Name;
        var columns = parser.Records.Table.Columns.Count;
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
                var row = new object?[columns];
                try
                {
                    parser.Records.Parse(json, name, line, row);
                }
                catch (InputException error)
                {
                    SetAside(error, json);
                    return;
                }
                parser.Batch.Rows.Add(row);
                if (parser.Batch.Rows.Count == BatchRows)
                {
                    Send(output, parser.Batch, cancellationToken);
                    parser.Batch = new StagingBatch();
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
        }
        // An S3 ETag is the store's own checksum; a local file's is the SHA-256 of what was just read.
        parser.Batch.Files.Add(new StagedFile(name, file.Size, file.ModifiedAt, file.ETag ?? stream.Checksum()));
        parser.Batch.Bytes += file.Size;
    }

    // Blocking here is the back-pressure that keeps memory flat: parsers wait while the COPY catches up.
    private static void Send(ChannelWriter<StagingBatch> output, StagingBatch batch, CancellationToken cancellationToken) =>
        output.WriteAsync(batch, cancellationToken).AsTask().GetAwaiter().GetResult();

    private static void WriteRow(NpgsqlBinaryImporter importer, StagingTable table, object?[] row)
    {
        importer.StartRow();
        for (var i = 0; i < row.Length; i++)
        {
            switch (row[i])
            {
                case null: importer.WriteNull(); break;
                case string text: importer.Write(text, NpgsqlDbType.Varchar); break;
                case int number: importer.Write(number, NpgsqlDbType.Integer); break;
                case long number: importer.Write(number, NpgsqlDbType.Bigint); break;
                case double number: importer.Write(number, NpgsqlDbType.Double); break;
                default: throw new InvalidOperationException($"{table.Name}.{table.Columns[i].Name}: unexpected {row[i]!.GetType().Name}.");
            }
        }
    }
}
