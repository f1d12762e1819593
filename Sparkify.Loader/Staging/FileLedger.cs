using Npgsql;
using NpgsqlTypes;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>A file as staged: the object as listed, and the hash of the content the loader read, if it read it.</summary>
/// <param name="ContentHash">XXH128 of the raw content; null for an object only Redshift's COPY read (without <c>--verify-input</c>).</param>
/// <remarks>A struct holding the hash as a number: a load keeps one per staged file until it writes the ledger.</remarks>
public readonly record struct StagedFile(InputObject File, UInt128? ContentHash)
{
    /// <summary>What the ledger keeps as the file's checksum: an S3 object's ETag (the store's own tag), else the content hash in hex.</summary>
    public string Checksum => File.ETag ?? ContentHex ?? throw new InvalidOperationException($"{File.Name}: a local file is staged by reading it, so it has a content hash.");

    /// <summary>The content hash as the ledger keeps it (32 hex digits), or null.</summary>
    public string? ContentHex => ContentHash is { } hash ? ChecksumStream.Hex(hash) : null;
}

/// <summary>
/// The ledger of files already staged into one table (<c>loaded_files</c>): a run stages only the files it
/// does not hold, and those it holds whose content has changed. A changed file's staged rows are found by its run and
/// number and replaced by its new content; where the rows do not carry their file, the table is reloaded from all its files.
/// </summary>
/// <remarks>
/// Whether a file changed is decided by what the listing gives (size and write time, an S3 object's ETag), or, with
/// <c>--verify-input</c>, by its content hash read now against the one recorded when it was staged.
/// </remarks>
public sealed class FileLedger
{
    private readonly Dictionary<string, Entry> _files;

    public static PlannedStatement Read { get; } = new("read the ledger: the files staged into the table before", Sql("01_ledger_read.sql"))
    {
        When = RunCondition.Only(f => !f.FullReload),
    };

    public static PlannedStatement Forget(StagingTable table) => new($"forget {table.Name}'s ledger", Sql("02_ledger_forget.sql"))
    {
        When = RunCondition.Only(f => f.StagedAfresh(table.Name)),
    };

    /// <summary>A changed file's ledger row goes before the file is recorded again with its new content.</summary>
    public static PlannedStatement ForgetReplaced(StagingTable table) => new($"forget the ledger rows of {table.Name}'s changed files", Sql("07_ledger_forget_replaced.sql"))
    {
        When = RunCondition.Only(f => f.ReplacesFiles(table.Name)),
    };

    public static PlannedStatement Record(StagingTable table) => new($"record the files staged into {table.Name} in the ledger", Sql("03_ledger_record_copy.sql"))
    {
        When = RunCondition.Only(f => f.FilesToStage(table.Name)),
    };

    private FileLedger(Dictionary<string, Entry> files) => _files = files;

    /// <summary>No file of this table has been staged (or a full reload forgot them).</summary>
    public bool IsEmpty => _files.Count == 0;

    /// <summary>One row of the ledger, as an earlier run recorded it.</summary>
    /// <remarks>A struct in the dictionary's own array: a run holds the whole ledger while it chooses, 333,333 rows for the song files
    /// of a 10M-event set.</remarks>
    private readonly record struct Entry(long Size, DateTime ModifiedAt, string Checksum, string? ContentHash, long RunId, int? FileNumber);

    public static async Task<FileLedger> ReadAsync(NpgsqlConnection connection, StagingTable table, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(Read, PlannedCommands.Parameter("table_name", table.Name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var files = new Dictionary<string, Entry>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var checksum = reader.GetString(3);
            var contentHash = reader.IsDBNull(4) ? null : reader.GetString(4);
            // A local file's checksum is its content hash: one string for both.
            files[reader.GetString(0)] = new Entry(reader.GetInt64(1), reader.GetDateTime(2), checksum, contentHash == checksum ? checksum : contentHash,
                reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt32(6));
        }
        return new FileLedger(files);
    }

    /// <summary>
    /// The files to stage now: those the ledger lacks, and those it holds that have changed, whose staged rows the new ones replace
    /// (<see cref="LedgerChoice.Replaced"/>). Null when the table must be reloaded from all its files: the ledger is empty, or a file
    /// changed whose rows cannot be told from the others' (<paramref name="changed"/> then says which, and how it is known).
    /// </summary>
    /// <param name="contentHashes">With <c>--verify-input</c>, every listed file's content hash, read now: the content decides,
    /// whatever the size, write time or ETag say. Null: those decide.</param>
    /// <param name="canReplace">Whether the engine's staging rows carry their file (<see cref="StagingTable.FileNumberColumn"/>), so that a
    /// changed file's rows can be replaced alone; else any change reloads the table.</param>
    public LedgerChoice? Choose(IReadOnlyList<InputObject> files, IReadOnlyDictionary<string, UInt128>? contentHashes, bool canReplace,
        out string? changed)
    {
        var fresh = new List<InputObject>();
        var replaced = new List<StagedVersion>();
        changed = null;
        // No ledger yet (a new database, or one staged before the ledger existed): start afresh rather
        // than add every file to whatever the table already holds.
        if (_files.Count == 0)
            return null;
        foreach (var file in files)
        {
            if (!_files.TryGetValue(file.Name, out var staged))
            {
                fresh.Add(file);
                continue;
            }
            var change = contentHashes is null ? ChangedByListing(file, staged) : ChangedByContent(file, staged, contentHashes[file.Name]);
            if (change is null)
                continue;
            if (!canReplace || staged.FileNumber is not { } number)
            {
                changed = canReplace ? $"{change}, and its rows were staged without their file's number, so they cannot be replaced alone" : change;
                return null;
            }
            changed ??= change;
            fresh.Add(file);
            replaced.Add(new StagedVersion(file.Name, staged.RunId, number));
        }
        return new LedgerChoice(fresh, replaced, replaced.Count switch
        {
            0 => null,
            1 => changed,
            var many => $"{changed}, and {many - 1:N0} more staged file(s) changed",
        });
    }

    /// <summary>
    /// An object's ETag settles it. A local file: size and write time first, the checksum only when those moved, so a
    /// touched but unchanged file stays skipped. A file edited in place with its size and write time kept passes.
    /// </summary>
    private static string? ChangedByListing(InputObject file, Entry staged) =>
        ListedAsStaged(file, staged) || file.ETag is null && file.Size == staged.Size && ChecksumStream.Of(file.Name) == staged.Checksum
            ? null
            : $"{file.Name} changed since it was staged";

    private static bool ListedAsStaged(InputObject file, Entry staged) =>
        file.Size == staged.Size && (file.ETag is { } etag ? etag == staged.Checksum : ToMicroseconds(file.ModifiedAt) == staged.ModifiedAt);

    /// <summary>The content read now against the content staged; the listing only says what the message adds.</summary>
    private static string? ChangedByContent(InputObject file, Entry staged, UInt128 contentHash) => staged.ContentHash switch
    {
        null => $"{file.Name} has no content hash in the ledger to verify it by (an S3 object staged before the loader recorded one, or " +
                "copied by Redshift without --verify-input), so staging afresh records one",
        var recorded when recorded == ChecksumStream.Hex(contentHash) => null,
        _ when !ListedAsStaged(file, staged) => $"{file.Name} changed since it was staged",
        _ => $"{file.Name} changed since it was staged (its content, as --verify-input found; its size and " +
             (file.ETag is null ? "write time" : "ETag") + " did not)",
    };

    /// <summary>Forgets the table's ledger when its condition holds: the table is staged afresh.</summary>
    public static async Task ForgetAsync(NpgsqlConnection connection, StagingTable table, RunFacts facts, CancellationToken cancellationToken)
    {
        var forget = Forget(table);
        if (forget.RunsFor(facts))
            await connection.ExecuteAsync(forget, cancellationToken, PlannedCommands.Parameter("table_name", table.Name));
    }

    public static async Task RecordAsync(NpgsqlConnection connection, StagingTable table, long runId, IEnumerable<StagedFile> files,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.ImportAsync(Record(table), cancellationToken);
        // Numbered in the order the run parsed them, as each of their rows is (ParsePipeline).
        var number = 0;
        foreach (var file in files)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(file.File.Name, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(table.Name, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(file.File.Size, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(ToMicroseconds(file.File.ModifiedAt), NpgsqlDbType.Timestamp, cancellationToken);
            await importer.WriteAsync(file.Checksum, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(file.ContentHex, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(number++, NpgsqlDbType.Integer, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>A UTC time as a PostgreSQL/Redshift <c>timestamp</c> holds it: microseconds, no time zone.</summary>
    internal static DateTime ToMicroseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Unspecified);

    private static string Sql(string name) => SqlScripts.Staging.Get(name).Sql;
}
