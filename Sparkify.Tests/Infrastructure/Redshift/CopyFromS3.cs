using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// The stand-in cluster's COPY from S3: reads the objects (a prefix or a manifest, gzip or not) from the loopback S3 server,
/// maps each JSON record to the listed columns ('auto' by key, case-sensitively; a JSONPaths file by position), converts each
/// field by its column's type, and loads the rows through the client's own session, so they are in its transaction. The
/// records it cannot load go to the load-error log, which, as on Redshift, is not rolled back with the transaction.
/// </summary>
/// <remarks>
/// Each rule cites the page of AWS's Database Developer Guide it follows. What the guide leaves unsaid, the stand-in cannot
/// know either; those choices are named where they are made.
/// </remarks>
public sealed class CopyFromS3(IAmazonS3 s3, string logConnectionString, CopyFromS3.Options options) : IStatementInterceptor
{
    /// <param name="Serverless">Log to sys_load_error_detail only, as Serverless has no STL views; otherwise to stl_load_errors too.</param>
    /// <param name="ClusterRegion">The Region a COPY without REGION assumes its buckets are in.</param>
    public sealed record Options(bool Serverless, MaxErrorReading Reading, string ClusterRegion);

    private static int _lastQueryId = 1000;
    private readonly Dictionary<string, string> _bucketRegions = [];

    public bool Handles(string sql) => CopyStatement.IsCopyFromS3(sql);

    public async Task<InterceptedResult> RunAsync(string sql, IUpstreamSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await CopyAsync(CopyStatement.Parse(sql), session, cancellationToken);
        }
        catch (RedshiftErrorException e)
        {
            return InterceptedResult.Failure(e.SqlState, e.Message);
        }
        catch (AmazonS3Exception e)
        {
            // A COPY whose object cannot be read fails as a whole, before or during the load.
            return InterceptedResult.Failure("XX000", $"S3ServiceException:{e.Message},Status {(int)e.StatusCode},Error {e.ErrorCode}");
        }
    }

    private async Task<InterceptedResult> CopyAsync(CopyStatement copy, IUpstreamSession session, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var table = await CopyTarget.ReadAsync(copy, session, cancellationToken);
        // "If you specify REGION, all resources, including a manifest file or multiple Amazon S3 buckets, must be located in the
        // specified Region"; without it COPY assumes the cluster's. copy-parameters-data-source-s3.html#copy-region
        var region = copy.Region ?? options.ClusterRegion;
        var objects = await ObjectsAsync(copy, region, cancellationToken);
        var mapping = await MappingAsync(copy, table, region, cancellationToken);

        // "The value for PG_LAST_COPY_ID is updated when the COPY command begins the load process." PG_LAST_COPY_ID.html
        var queryId = Interlocked.Increment(ref _lastQueryId);
        await ExecuteOnLogAsync($"insert into {RedshiftSystemTables.LastCopies} values ({session.BackendProcessId}, {queryId}) " +
            $"on conflict (session) do update set query = {queryId}", cancellationToken);

        var rows = new StringBuilder();
        var faults = new List<LoggedFault>();
        var loaded = 0L;
        // Redshift reads the files in parallel; the stand-in fetches them so, then loads them in listing order.
        var contents = new byte[objects.Count][];
        await Parallel.ForEachAsync(Enumerable.Range(0, objects.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, token) => contents[i] = await ReadAsync(objects[i], copy.Gzip, token));
        foreach (var (uri, content) in objects.Zip(contents))
        {
            foreach (var record in JsonSourceRecords.Read(content))
            {
                var fault = record.Fault;
                string?[]? values = null;
                if (fault is null)
                    (values, fault) = Row(record.Value!.Value, mapping, table);
                if (fault is null)
                {
                    AppendRow(rows, values!);
                    loaded++;
                    continue;
                }
                faults.Add(new LoggedFault(uri, record, fault));
                if (TooMany(faults.Count, copy.MaxError))
                {
                    await LogAsync(faults, table, session, queryId, started, cancellationToken);
                    return InterceptedResult.Failure("XX000", $"Load into table '{table.Name}' failed.  Check '{LogView}' system table for details.");
                }
            }
        }

        if (loaded > 0)
            await session.CopyInAsync($"copy {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) from stdin",
                Chunks(Encoding.UTF8.GetBytes(rows.ToString())), cancellationToken);
        await LogAsync(faults, table, session, queryId, started, cancellationToken);
        // "If the load returns fewer errors, it continues and returns an INFO message that states the number of rows that could not
        // be loaded." copy-parameters-data-load.html#copy-maxerror
        List<InterceptedNotice> notices = [new("INFO", $"Load into table '{table.Name}' completed, {loaded} record(s) loaded successfully.")];
        if (faults.Count > 0)
            notices.Add(new("INFO", $"Load into table '{table.Name}' completed, {faults.Count} record(s) could not be loaded.  " +
                $"Check '{LogView}' system table for details."));
        return InterceptedResult.Success($"COPY {loaded}", notices);
    }

    private string LogView => options.Serverless ? "sys_load_error_detail" : "stl_load_errors";

    private bool TooMany(int errors, int maxError) => options.Reading switch
    {
        MaxErrorReading.AsDocumented => errors >= Math.Max(maxError, 1),
        _ => errors > maxError,
    };

    /// <summary>
    /// The objects COPY reads: with MANIFEST, the entries the manifest lists ("mandatory": a missing one fails the COPY, others are
    /// passed over; loading-data-files-using-manifest.html); otherwise every object whose key begins with the prefix, whatever its
    /// name ("loads all files that begin with the prefix": copy-parameters-data-source-s3.html).
    /// </summary>
    private async Task<List<string>> ObjectsAsync(CopyStatement copy, string region, CancellationToken cancellationToken)
    {
        var from = ParseUri(copy.From);
        await CheckRegionAsync(from.Bucket, region, cancellationToken);
        if (!copy.Manifest)
        {
            var keys = new List<string>();
            var request = new ListObjectsV2Request { BucketName = from.Bucket, Prefix = from.Key };
            ListObjectsV2Response page;
            do
            {
                page = await s3.ListObjectsV2Async(request, cancellationToken);
                keys.AddRange((page.S3Objects ?? []).Select(o => $"s3://{from.Bucket}/{o.Key}"));
                request.ContinuationToken = page.NextContinuationToken;
            } while (page.IsTruncated == true);
            if (keys.Count == 0)
                throw new RedshiftErrorException("XX000", $"The specified S3 prefix '{from.Key}' does not exist");
            return keys;
        }

        using var manifest = JsonDocument.Parse(await ReadAsync(copy.From, gzip: false, cancellationToken));
        var entries = new List<string>();
        foreach (var entry in manifest.RootElement.GetProperty("entries").EnumerateArray())
        {
            var url = entry.GetProperty("url").GetString()!;
            // Error 8001: "COPY with MANIFEST parameter requires full Amazon S3 path for the manifest file" (and its entries).
            if (!url.StartsWith("s3://", StringComparison.Ordinal))
                throw new RedshiftErrorException("XX000", $"Manifest entry '{url}' is not a full s3:// path (error 8001)");
            var target = ParseUri(url);
            await CheckRegionAsync(target.Bucket, region, cancellationToken);
            if (await ExistsAsync(target, cancellationToken))
                entries.Add(url);
            else if (entry.TryGetProperty("mandatory", out var mandatory) && mandatory.GetBoolean())
                throw new RedshiftErrorException("XX000", $"Manifest file is missing a mandatory entry: {url} does not exist");
        }
        return entries;
    }

    /// <summary>
    /// Which JSON element each listed column is read from. 'auto': "the matching JSON field names must also be lowercase", matched
    /// case-sensitively; 'auto ignorecase' ignores case; a JSONPaths file maps by position, and "the number of expressions must match
    /// the number of columns" (copy-parameters-data-format.html#copy-json, copy-usage_notes-copy-from-json.html). A missing element loads NULL.
    /// </summary>
    private async Task<Func<JsonElement, int, JsonElement?>> MappingAsync(CopyStatement copy, CopyTarget table, string region,
        CancellationToken cancellationToken)
    {
        var format = copy.Format;
        if (format.Equals("auto", StringComparison.OrdinalIgnoreCase) || format.Equals("auto ignorecase", StringComparison.OrdinalIgnoreCase))
        {
            var ignoreCase = format.Length > 4;
            return (record, column) => Property(record, table.Columns[column].Name, ignoreCase);
        }
        if (!format.StartsWith("s3://", StringComparison.Ordinal))
            throw RedshiftErrorException.Syntax($"JSON format argument '{format}' is neither 'auto', 'auto ignorecase' nor an s3:// JSONPaths file");
        await CheckRegionAsync(ParseUri(format).Bucket, region, cancellationToken);
        using var document = JsonDocument.Parse(await ReadAsync(format, gzip: false, cancellationToken));
        // "If the name is any string other than "jsonpaths", COPY uses the 'auto' argument instead of using the JSONPaths file."
        if (!document.RootElement.TryGetProperty("jsonpaths", out var array))
            return (record, column) => Property(record, table.Columns[column].Name, false);
        var paths = array.EnumerateArray().Select(p => JsonPathExpression.Parse(p.GetString()!)).ToList();
        if (paths.Count != table.Columns.Count)
            throw new RedshiftErrorException("XX000", $"Number of jsonpaths and the number of columns should match. JSONPath size: {paths.Count}, " +
                $"Number of columns in table or column list: {table.Columns.Count}");
        return (record, column) => paths[column].Find(record);
    }

    private static JsonElement? Property(JsonElement record, string name, bool ignoreCase)
    {
        if (record.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var property in record.EnumerateObject())
            if (string.Equals(property.Name, name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                return property.Value;
        return null;
    }

    /// <summary>The record's values in column order, or the first fault among its fields.</summary>
    private static (string?[]? Values, RedshiftLoadFault? Fault) Row(JsonElement record, Func<JsonElement, int, JsonElement?> mapping, CopyTarget table)
    {
        var values = new string?[table.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var (text, fault) = ColumnConversion.Convert(mapping(record, i), table.Columns[i]);
            if (fault is not null)
                return (null, fault);
            values[i] = text;
        }
        return (values, null);
    }

    /// <summary>A row in COPY's text format: tab-separated, \N for NULL, backslash escapes.</summary>
    private static void AppendRow(StringBuilder rows, string?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
                rows.Append('\t');
            if (values[i] is not { } value)
            {
                rows.Append("\\N");
                continue;
            }
            foreach (var c in value)
                rows.Append(c switch { '\\' => "\\\\", '\t' => "\\t", '\n' => "\\n", '\r' => "\\r", _ => c.ToString() });
        }
        rows.Append('\n');
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(byte[] data)
    {
        const int Size = 1 << 16;
        for (var at = 0; at < data.Length; at += Size)
            yield return data.AsMemory(at, Math.Min(Size, data.Length - at));
        await Task.CompletedTask;
    }

    /// <summary>An object's bytes; with GZIP, decompressed ("the input file or files are in compressed gzip format": copy-parameters-file-compression.html).</summary>
    private async Task<byte[]> ReadAsync(string uri, bool gzip, CancellationToken cancellationToken)
    {
        var location = ParseUri(uri);
        using var response = await s3.GetObjectAsync(location.Bucket, location.Key, cancellationToken);
        using var body = new MemoryStream();
        if (gzip)
        {
            try
            {
                await using var decompress = new GZipStream(response.ResponseStream, CompressionMode.Decompress);
                await decompress.CopyToAsync(body, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                throw new RedshiftErrorException("XX000", $"gzip: {uri}: {e.Message}");
            }
        }
        else
            await response.ResponseStream.CopyToAsync(body, cancellationToken);
        return body.ToArray();
    }

    private async Task<bool> ExistsAsync((string Bucket, string Key) target, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(target.Bucket, target.Key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task CheckRegionAsync(string bucket, string region, CancellationToken cancellationToken)
    {
        if (!_bucketRegions.TryGetValue(bucket, out var actual))
        {
            var location = (await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken)).Location?.Value;
            _bucketRegions[bucket] = actual = string.IsNullOrEmpty(location) ? "us-east-1" : location;
        }
        if (actual != region)
            throw new RedshiftErrorException("XX000", $"S3ServiceException:The bucket you are attempting to access must be addressed using the specified " +
                $"endpoint. Bucket {bucket} is in {actual}; the COPY's Region is {region}");
    }

    /// <summary>
    /// Writes the records COPY could not load to the load-error log on a connection of its own: system tables are not part of the
    /// client's transaction, so they stay when it rolls back. stl_load_errors keeps "raw_line … multibyte characters in the load data
    /// are replaced with a period" (r_STL_LOAD_ERRORS.html); sys_load_error_detail keeps no raw text (SYS_LOAD_ERROR_DETAIL.html).
    /// </summary>
    private async Task LogAsync(IReadOnlyList<LoggedFault> faults, CopyTarget table, IUpstreamSession session, int queryId,
        DateTime started, CancellationToken cancellationToken)
    {
        if (faults.Count == 0)
            return;
        await using var connection = new NpgsqlConnection(logConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var (file, record, fault) in faults)
        {
            var column = table.Columns.FirstOrDefault(c => c.Name == fault.Column);
            var parameters = new NpgsqlParameter[]
            {
                new("query", queryId), new("session", session.BackendProcessId), new("at", started), new("tbl", table.Oid),
                new("file", file), new("line", record.Line), new("column", fault.Column), new("type", TypeName(column?.Type)),
                new("length", column?.MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                new("raw_line", JsonSourceRecords.RawLine(record.Raw)), new("raw_value", fault.RawFieldValue), new("code", fault.Code),
                new("reason", Cut(fault.Reason, 100)), new("message", Cut(fault.Reason, 512)), new("database", session.Database),
            };
            if (!options.Serverless)
                await ExecuteAsync(connection, """
                    insert into stl_load_errors (userid, slice, tbl, starttime, session, query, filename, line_number, colname, type, col_length,
                        position, raw_line, raw_field_value, err_code, err_reason, is_partial, start_offset)
                    values (100, 0, @tbl, @at, @session, @query, @file, @line, @column, @type, @length, 0, @raw_line, @raw_value, @code, @reason, 0, 0)
                    """, parameters, cancellationToken);
            await ExecuteAsync(connection, """
                insert into sys_load_error_detail (user_id, query_id, transaction_id, session_id, database_name, table_id, start_time, file_name,
                    line_number, column_name, column_type, column_length, position, error_code, error_message)
                values (100, @query, 0, @session, @database, @tbl, @at, @file, @line, @column, @type, @length, 0, @code, @message)
                """, [.. parameters.Select(p => p.Clone())], cancellationToken);
        }
    }

    private async Task ExecuteOnLogAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(logConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, sql, [], cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>A column's type as the log's char(10) <c>type</c> names it, Redshift's short names.</summary>
    private static string TypeName(string? type) => type switch
    {
        "character varying" => "varchar",
        "integer" => "int4",
        "bigint" => "int8",
        "smallint" => "int2",
        "double precision" => "float8",
        null => "",
        _ => type.Length <= 10 ? type : type[..10],
    };

    private static (string Bucket, string Key) ParseUri(string uri)
    {
        var path = uri["s3://".Length..];
        var slash = path.IndexOf('/');
        return slash < 0 ? (path, "") : (path[..slash], path[(slash + 1)..]);
    }

    private sealed record LoggedFault(string File, JsonSourceRecord Record, RedshiftLoadFault Fault);
}
