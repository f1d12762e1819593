using Amazon.S3;
using Npgsql;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>Fills a staging table on Redshift with one COPY from S3 per table, as Redshift's loading guidance advises.</summary>
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

    public string Source => $"song data {settings.SongData}; log data {settings.LogData}";

    public IReadOnlyList<PlannedStatement> Plan(StagingTable table) =>
    [
        .. CompactsSongs(table)
            ? [new PlannedStatement($"compact the song files of {settings.SongData} into {settings.SongCompactFiles} gzip NDJSON objects and a manifest",
                $"-- done by the loader through S3, not SQL: writes {settings.SongManifest}")]
            : Array.Empty<PlannedStatement>(),
        new($"empty {table.Name}", RedshiftCopyStatements.Clear(table)),
        new($"copy {table.Name} from S3", RedshiftCopyStatements.Copy(table, settings)),
        new($"give {table.Name}'s new rows this run's id", RedshiftCopyStatements.StampRun(table)),
    ];

    private bool CompactsSongs(StagingTable table) => table == StagingTable.Songs && settings.SongCompactPrefix is not null;

    /// <remarks>
    /// Redshift reads the whole prefix itself on every run (COPY has no ledger to consult), so staging is
    /// always a full reload; bad records are skipped by COPY's own MAXERROR and logged in stl_load_errors.
    /// </remarks>
    public async Task<StagingOutcome> LoadAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, CancellationToken cancellationToken)
    {
        if (CompactsSongs(table))
            await new SongCompactor(s3()).CompactAsync(S3Location.Parse(settings.SongData), S3Location.Parse(settings.SongCompactPrefix!),
                settings.SongCompactFiles, cancellationToken);

        await using (var clear = new NpgsqlCommand(RedshiftCopyStatements.Clear(table), connection))
            await clear.ExecuteNonQueryAsync(cancellationToken);

        var started = DateTime.UtcNow.AddSeconds(-5); // the cluster's clock may run a little behind ours
        await using var copy = new NpgsqlCommand(RedshiftCopyStatements.Copy(table, settings), connection) { CommandTimeout = 0 };
        try
        {
            var rows = await copy.ExecuteNonQueryAsync(cancellationToken);
            await using (var stamp = new NpgsqlCommand(RedshiftCopyStatements.StampRun(table), connection) { Parameters = { new("run_id", run.RunId) } })
                await stamp.ExecuteNonQueryAsync(cancellationToken);
            run.Progress?.Report(new StagingProgress(table.Name, 1, 1, rows, 0));
            return new StagingOutcome(1, rows, "Redshift's COPY reads the whole prefix every run");
        }
        catch (PostgresException e)
        {
            // The failed COPY aborted this session's transaction; the log is read through a second session.
            throw new RedshiftLoadException(table.Name, await ReadLoadErrorsAsync(connection, started, cancellationToken), e);
        }
    }

    private static async Task<IReadOnlyList<RedshiftLoadError>> ReadLoadErrorsAsync(NpgsqlConnection failed, DateTime since, CancellationToken cancellationToken)
    {
        var errors = new List<RedshiftLoadError>();
        await using var connection = new NpgsqlConnection(failed.ConnectionString);
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
