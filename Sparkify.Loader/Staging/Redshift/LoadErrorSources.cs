using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>
/// Turns rows of Redshift's load-error log into the run's bad records as PostgreSQL names them: the file the user wrote, the line
/// its record starts on, and the record's text, read from that file.
/// </summary>
/// <remarks>
/// The log names the object COPY read and, for JSON, the line the record ends on
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html). For compacted songs that object is a gzip part,
/// whose line n is the n-th record of the song files it holds (<see cref="CompactedPart"/>). The record's text comes from
/// the file, since stl_load_errors keeps 1,024 bytes of it with multibyte characters made dots, and sys_load_error_detail none.
/// </remarks>
public sealed class LoadErrorSources(IInputSource source, StagingTable table, IReadOnlyList<InputObject> files, IReadOnlyList<CompactedPart> parts)
{
    private readonly Dictionary<string, InputObject> _files = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, CompactedPart> _parts = parts.ToDictionary(p => p.Uri, StringComparer.Ordinal);

    /// <summary>
    /// Each error about an object this COPY read as a bad record with its text (empty when its file no longer holds it), in the log's
    /// order; rows about other objects are an earlier COPY's of the run, whose records are set aside already.
    /// </summary>
    /// <remarks>Reading the files blocks (an S3 object is opened synchronously, as the parsers open it), so it runs on the thread pool.</remarks>
    public Task<IReadOnlyList<(InputException Error, byte[] Text)>> ResolveAsync(IReadOnlyList<RedshiftLoadError> errors) =>
        errors.Count == 0 ? Task.FromResult<IReadOnlyList<(InputException, byte[])>>([]) : Task.Run(() => Resolve(errors));

    private IReadOnlyList<(InputException Error, byte[] Text)> Resolve(IReadOnlyList<RedshiftLoadError> all)
    {
        var errors = all.Where(e => _files.ContainsKey(e.File) || _parts.ContainsKey(e.File)).ToList();
        var wanted = errors.Select(Locate).ToList();
        var found = new Dictionary<(string File, RecordKey Key), (long Line, byte[] Text)>();
        foreach (var group in wanted.Where(w => w.File is not null).GroupBy(w => w.File!.Value.Name))
            foreach (var (key, record) in Read(group.First().File!.Value, [.. group.Select(w => w.Key)]))
                found[(group.Key, key)] = record;

        return [.. errors.Zip(wanted, (error, where) =>
        {
            var problem = $"column {error.Column}: {error.Reason} (Redshift load error {error.Code})";
            return where.File is { } file && found.TryGetValue((file.Name, where.Key), out var record)
                ? (new InputException(file.Name, record.Line, problem), record.Text)
                : (new InputException(where.File?.Name ?? error.File, error.Line, problem), Array.Empty<byte>());
        })];
    }

    /// <summary>
    /// Which record of which input file a log row is about: the <c>Ordinal</c>-th record of a compacted file, else the record that
    /// ends on the row's line. Null file: the object is none the run copied.
    /// </summary>
    private (InputObject? File, RecordKey Key) Locate(RedshiftLoadError error)
    {
        if (!_parts.TryGetValue(error.File, out var part))
            return (_files[error.File], new RecordKey(EndLine: error.Line, Ordinal: -1));
        var ordinal = error.Line - 1;
        foreach (var (file, records) in part.Files)
        {
            if (ordinal < records)
                return (file, new RecordKey(EndLine: -1, Ordinal: ordinal));
            ordinal -= records;
        }
        return (null, new RecordKey(error.Line, -1));
    }

    /// <summary>The wanted records of one file: where each starts and its text.</summary>
    private List<(RecordKey Key, (long Line, byte[] Text) Record)> Read(InputObject file, IReadOnlyList<RecordKey> keys)
    {
        var results = new List<(RecordKey, (long, byte[]))>();
        using var raw = source.Open(file, CancellationToken.None);
        using var input = InputFileRule.Decode(raw, file);
        long ordinal = 0;
        void Consider(ReadOnlySpan<byte> json, long line)
        {
            var endLine = line + json.Count((byte)'\n');
            foreach (var key in keys)
                if (key.Ordinal == ordinal || key.Ordinal < 0 && line <= key.EndLine && key.EndLine <= endLine)
                    results.Add((key, (line, json.ToArray())));
            ordinal++;
        }
        try
        {
            table.Split(input, file.Name, Consider, bad => Consider(System.Text.Encoding.UTF8.GetBytes(bad.RawText ?? ""), bad.Line));
        }
        catch (InputException)
        {
            // The file cannot be cut further (it changed since the COPY, or it is truncated): the records found so far are all there are.
        }
        return results;
    }

    /// <summary>A record of a file: by the line it ends on (Ordinal -1), or by its place among the file's records (EndLine -1).</summary>
    private readonly record struct RecordKey(long EndLine, long Ordinal);
}
