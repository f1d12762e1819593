using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>The files a run stages into one table: those the ledger lacks and the changed ones, or every listed file when the table is
/// staged afresh.</summary>
/// <param name="RestageReason">Why every file is staged again (the table is emptied first); null when only new and changed files are.</param>
public sealed record FileSelection(IReadOnlyList<InputObject> Files, string? RestageReason)
{
    /// <summary>The staged versions of changed files among <see cref="Files"/>, whose rows their new content replaces.</summary>
    public IReadOnlyList<StagedVersion> Replaced { get; init; } = [];

    /// <summary>Which staged file changed (and how many more did), when some did; else null.</summary>
    public string? ReplaceReason { get; init; }

    /// <summary>How many of the other files a message names before it says how many more there are.</summary>
    private const int Named = 5;

    /// <summary>With <c>--verify-input</c>, every listed file's content hash as read for the choice, by name; else null.</summary>
    public IReadOnlyDictionary<string, UInt128>? ContentHashes { get; init; }

    /// <summary>Chooses from <paramref name="listing"/> of <paramref name="location"/>; an input with no file at all is bad input,
    /// unless the ledger shows files staged from it before (they may have been moved away since).</summary>
    /// <param name="verifyFrom">With <c>--verify-input</c>, the source to read every listed file from and hash (<see cref="InputHashes"/>),
    /// so that the content decides what changed; null: sizes, write times and ETags do.</param>
    /// <param name="canReplace">Whether the engine's staging rows carry their file, so that a changed file's rows can be replaced alone
    /// (<see cref="FileLedger.Choose"/>); else a changed file stages the table afresh.</param>
    /// <param name="ledger">The table's ledger (<see cref="LedgerAsync"/>); null on a full reload.</param>
    public static async Task<FileSelection> ChooseAsync(FileLedger? ledger, StagingTable table, InputListing listing, string location,
        bool canReplace, CancellationToken cancellationToken, IInputSource? verifyFrom = null)
    {
        if (listing.Files.Count == 0 && ledger is not { IsEmpty: false })
            throw NoInput(location, listing);
        var hashes = verifyFrom is null ? null : await InputHashes.OfAsync(verifyFrom, listing.Files, cancellationToken);
        if (ledger is null)
            return new(listing.Files, "a full reload was asked for") { ContentHashes = hashes };
        return ledger.Choose(listing.Files, hashes, canReplace, out var changed) is { } choice
            ? new(choice.Files, null) { Replaced = choice.Replaced, ReplaceReason = choice.ReplaceReason, ContentHashes = hashes }
            : new(listing.Files, changed ?? $"{table.Name} has no ledger of staged files yet") { ContentHashes = hashes };
    }

    /// <summary>The ledger of <paramref name="table"/> the choice is made against, or null when the run reloads everything.</summary>
    public static async Task<FileLedger?> LedgerAsync(NpgsqlConnection connection, StagingTable table, RunFacts facts, CancellationToken cancellationToken) =>
        FileLedger.Read.RunsFor(facts) ? await FileLedger.ReadAsync(connection, table, cancellationToken) : null;

    /// <summary>Records in <paramref name="facts"/> what this selection stages, which the statements after it decide by.</summary>
    public void Record(StagingTable table, RunFacts facts) => facts.Chose(table.Name, Files.Count, RestageReason is not null, Replaced.Count);

    /// <summary>The error for an input folder or prefix that holds nothing to stage.</summary>
    public static InputException NoInput(string location, InputListing listing) =>
        new(location, 0, $"holds no input file ({InputFileRule.Described})" +
            (listing.Others.Count == 0 ? "." : $"; it holds {listing.Others.Count:N0} other file(s): {Names(listing.Others)}.") +
            " A run needs input, until one has staged from it.");

    /// <summary>The error for other files beside the input when <see cref="InputPolicy.OtherFilesAreErrors"/>.</summary>
    public static InputException OtherFiles(string location, InputListing listing) =>
        new(listing.Others[0], 0, $"is not an input file ({InputFileRule.Described}), and [S3] OTHER_FILES = error stops the run; " +
            $"{location} holds {listing.Others.Count:N0} such file(s): {Names(listing.Others)}.");

    /// <summary>A few names, then how many more.</summary>
    public static string Names(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(Named)) + (names.Count > Named ? $" and {names.Count - Named:N0} more" : "");
}
