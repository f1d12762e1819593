namespace Sparkify.Loader.Staging;

/// <summary>A file as an earlier run staged it: its rows are those of <paramref name="RunId"/> carrying <paramref name="FileNumber"/>.</summary>
public readonly record struct StagedVersion(string Path, long RunId, int FileNumber);

/// <summary>What the ledger chose for a run: the files to stage, and the staged versions of changed ones among them, which they replace.</summary>
/// <param name="ReplaceReason">Which staged file changed, and how many more did; null when none did.</param>
public sealed record LedgerChoice(IReadOnlyList<Sources.InputObject> Files, IReadOnlyList<StagedVersion> Replaced, string? ReplaceReason);
