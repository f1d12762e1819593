using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Sparkify.Loader.Staging;

/// <summary>Fills a staging table on PostgreSQL: files are parsed in parallel and streamed through one binary COPY.</summary>
/// <remarks>
/// A bounded channel sits between the parsers and the COPY writer, so memory holds a fixed number of
/// batches whatever the input's size, and parsing overlaps with the database's work.
/// Only files missing from the ledger of loaded files are staged, added to what earlier runs staged;
/// a full reload, or a staged file whose content changed, empties the table and stages every file.
/// </remarks>
public sealed class PostgresStager(LocalSource source) : IStager
{
    private const int BatchRows = 4096;
    private const int BatchesInFlight = 16;

    public string Source => $"song data {source.SongData}; log data {source.LogData}";

    public IReadOnlyList<PlannedStatement> Plan(StagingTable table) =>
    [
        new($"empty {table.Name}, only on a full reload or when a staged file changed", TruncateStatement(table)),
        new($"copy the files of {source.FolderOf(table)} not yet in the ledger " +
            $"({InputFiles.Find(source.FolderOf(table), LocalSource.SettingOf(table)).Count} files there)", table.CopyStatement),
    ];

    public async Task<long> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        var found = InputFiles.Find(source.FolderOf(table), LocalSource.SettingOf(table));
        var files = run.FullReload ? null : (await FileLedger.ReadAsync(connection, table, cancellationToken)).NewFiles(found, out _);
        if (files is null)
        {
            // PostgreSQL's TRUNCATE is transactional: a failed load rolls it back.
            await using (var truncate = new NpgsqlCommand(TruncateStatement(table), connection))
                await truncate.ExecuteNonQueryAsync(cancellationToken);
            await FileLedger.ForgetAsync(connection, table, cancellationToken);
            files = found;
        }
        var (badRecords, progress) = (run.BadRecords, run.Progress);
        var staged = new List<StagedFile>(files.Count);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<StagingBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true });
        var parsing = Task.Factory.StartNew(() => ParseAll(table, files, badRecords, batches.Writer, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        long rows = 0, bytes = 0;
        var filesDone = 0;
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync(table.CopyStatement, cancellationToken);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var row in batch.Rows)
                    WriteRow(importer, table, row);
                rows += batch.Rows.Count;
                bytes += batch.Bytes;
                if (batch.Staged is { } file)
                {
                    staged.Add(file);
                    filesDone++;
                }
                progress?.Report(new StagingProgress(table.Name, filesDone, files.Count, rows, bytes));
            }
            await importer.CompleteAsync(cancellationToken);
            progress?.Report(new StagingProgress(table.Name, filesDone, files.Count, rows, bytes));
        }
        finally
        {
            await stop.CancelAsync();
            await parsing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        await FileLedger.RecordAsync(connection, table, run.RunId, staged, cancellationToken);
        return rows;
    }

    private static string TruncateStatement(StagingTable table) => $"truncate table {table.Name}";

    private static void ParseAll(StagingTable table, IReadOnlyList<string> files, BadRecords badRecords, ChannelWriter<StagingBatch> output,
        CancellationToken cancellationToken)
    {
        try
        {
            // Leave a core for the COPY writer; many small files (one song each) make this worth it.
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1),
                CancellationToken = cancellationToken,
            };
            Parallel.ForEach(files, options, () => new RecordParser(table), (file, _, parser) =>
            {
                ParseFile(parser, file, badRecords, output, cancellationToken);
                return parser;
            }, _ => { });
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

    private static void ParseFile(RecordParser parser, string file, BadRecords badRecords, ChannelWriter<StagingBatch> output,
        CancellationToken cancellationToken)
    {
        var columns = parser.Table.Columns.Count;
        var batch = new StagingBatch(file, BatchRows);
        var records = 0;
        InputException? overLimit = null; // thrown through the splitter; must not be counted twice
        var info = new FileInfo(file);
        using var stream = new ChecksumStream(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan));
        {
            batch.Bytes = stream.Length;
            try
            {
                void SetAside(InputException error, ReadOnlySpan<byte> raw)
                {
                    overLimit = badRecords.TryAdd(error, raw);
                    if (overLimit is not null)
                        throw overLimit;
                }

                parser.Table.Split(stream, file, (json, line) =>
                {
                    records++;
                    var row = new object?[columns];
                    try
                    {
                        parser.Parse(json, file, line, row);
                    }
                    catch (InputException error)
                    {
                        SetAside(error, json);
                        return;
                    }
                    batch.Rows.Add(row);
                    if (batch.Rows.Count == BatchRows)
                    {
                        Send(output, batch, cancellationToken);
                        batch = new StagingBatch(file, BatchRows);
                    }
                }, badLine =>
                {
                    records++;
                    SetAside(badLine, System.Text.Encoding.UTF8.GetBytes(badLine.RawText ?? ""));
                });
                if (records == 0)
                    throw new InputException(file, 0, "the file holds no JSON object (an empty file?).");
            }
            catch (InputException error) when (!ReferenceEquals(error, overLimit))
            {
                // A file-level problem (truncated, not JSON, empty): the rest of this file cannot be read.
                if (badRecords.TryAdd(error) is { } tooMany)
                    throw tooMany;
            }
        }
        batch.Staged = new StagedFile(file, info.Length, info.LastWriteTimeUtc, stream.Checksum());
        Send(output, batch, cancellationToken);
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
