namespace Sparkify.Loader.Plan;

/// <summary>
/// What a load knows about its run, as it learns it: the facts the statements' <see cref="RunCondition"/>s read. The parts of
/// the load record what they find here (tables by name) (a missing database, a table staged afresh, records skipped) and decide with the
/// conditions of the statements they run.
/// </summary>
public sealed class RunFacts
{
    private readonly Dictionary<string, (int Files, long Rows, bool Afresh, int Replaced)> _staged = [];
    private readonly HashSet<string> _counted = [];

    /// <summary>Everything is staged again and the star tables rebuilt (--full-reload).</summary>
    [Says("this is a full reload (--full-reload)", Otherwise = "this is not a full reload")]
    public bool FullReload { get; init; }

    /// <summary>Every row is checked, not only the run's (--full-check; always after a full reload).</summary>
    [Says("this is a full check (--full-check, --full-reload)", Otherwise = "this is not a full check")]
    public bool FullCheck { get; init; }

    /// <summary>Connecting to the warehouse's database failed because it does not exist (PostgreSQL's 3D000).</summary>
    [Says("the database does not exist: connecting to it fails with 3D000")]
    public bool DatabaseMissing { get; set; }

    /// <summary>Another load held the lock when this one tried to take it.</summary>
    [Says("another load holds the lock")]
    public bool LockHeldElsewhere { get; set; }

    /// <summary>A COPY from S3 failed (Redshift), so the run will fail with what the load-error log says.</summary>
    [Says("a COPY fails")]
    public bool CopyFailed { get; set; }

    /// <summary>The run failed: what it did is rolled back, and it is recorded as failed.</summary>
    [Says("the run fails, in place of the finish above", Otherwise = "the run succeeds")]
    public bool Failed { get; set; }

    /// <summary>How many bad records the run skipped (--max-errors, [S3] MAXERROR).</summary>
    public int SkippedRecords { get; set; }

    [Says("the run skipped bad records, as --max-errors or [S3] MAXERROR allow")]
    public bool SkippedBadRecords => SkippedRecords > 0;

    /// <summary>What staging chose for <paramref name="table"/>: how many files, whether the table is emptied and staged afresh, and how
    /// many of the files are changed ones whose staged rows their new content replaces.</summary>
    public void Chose(string table, int files, bool afresh, int replaced = 0) => _staged[table] = (files, 0, afresh, replaced);

    /// <summary>The rows staging copied into <paramref name="table"/>.</summary>
    public void Copied(string table, long rows) => _staged[table] = _staged[table] with { Rows = rows };

    /// <summary>The table was emptied and is staged from all its files: a full reload, no ledger yet, or a staged file changed whose rows
    /// cannot be replaced alone.</summary>
    [Says("{0} is staged afresh", Otherwise = "{0} is not staged afresh")]
    public bool StagedAfresh(string table) => _staged.TryGetValue(table, out var s) && s.Afresh;

    /// <summary>Staged files of the table changed: their rows are moved aside and their new content staged in their place.</summary>
    [Says("staged files of {0} changed, whose rows their new content replaces")]
    public bool ReplacesFiles(string table) => _staged.TryGetValue(table, out var s) && s.Replaced > 0;

    [Says("there are files of {0} to stage")]
    public bool FilesToStage(string table) => _staged.TryGetValue(table, out var s) && s.Files > 0;

    [Says("this run staged rows into {0}")]
    public bool RowsStaged(string table) => _staged.TryGetValue(table, out var s) && s.Rows > 0;

    [Says("this run staged rows")]
    public bool AnyRowsStaged => _staged.Values.Any(s => s.Rows > 0);

    /// <summary>An earlier run recorded how many rows <paramref name="table"/> held.</summary>
    public void CountRecorded(string table) => _counted.Add(table);

    [Says("no earlier run recorded the count of {0}")]
    public bool CountUnrecorded(string table) => !_counted.Contains(table);
}
