using System.Threading.Channels;
using Npgsql;
using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Staging;

/// <summary>Sends parsed batches to the database through one raw binary COPY, reporting progress per batch.</summary>
/// <remarks>The rows arrive already encoded (<see cref="BinaryCopyRows"/>), so the writer only moves bytes.</remarks>
internal static class BinaryCopyWriter
{
    /// <summary>The COPY that fills <paramref name="table"/> from the client.</summary>
    public static PlannedStatement Statement(StagingTable table, string location) =>
        new($"copy the files of {location} not yet in the ledger, each row with this run's id", table.CopyStatement)
        {
            When = RunCondition.Only(f => f.FilesToStage(table.Name)),
        };

    /// <summary>Copies every batch <paramref name="batches"/> yields into <paramref name="table"/>; returns the rows sent.</summary>
    public static async Task<long> CopyAsync(NpgsqlConnection connection, PlannedStatement copyStatement, StagingTable table, ChannelReader<StagingBatch> batches, int files,
        IProgress<StagingProgress>? progress, CancellationToken cancellationToken)
    {
        long rows = 0, bytes = 0;
        var filesDone = 0;
        await using var copy = await connection.RawCopyAsync(copyStatement, cancellationToken);
        try
        {
            await copy.WriteAsync(BinaryCopyRows.Header, cancellationToken);
            await foreach (var batch in batches.ReadAllAsync(cancellationToken))
            {
                using (batch)
                    await copy.WriteAsync(batch.Rows.Bytes, cancellationToken);
                rows += batch.Rows.Count;
                bytes += batch.Bytes;
                filesDone += batch.FilesDone;
                progress?.Report(new StagingProgress(table.Name, filesDone, files, rows, bytes));
            }
            await copy.WriteAsync(BinaryCopyRows.Trailer, cancellationToken);
        }
        catch
        {
            // Disposing a raw COPY stream would end the COPY as complete; a failed one must be cancelled.
            await CancelAfterFailureAsync(copy);
            throw;
        }
        return rows;
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
}
