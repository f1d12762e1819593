namespace Sparkify.Loader.Staging;

/// <summary>What a run accepts as input besides well-formed records: other files beside the input, and when events may have happened.</summary>
public sealed record InputPolicy
{
    /// <summary>Files under an input folder that are not input stop the run, instead of being named in a warning.</summary>
    public bool OtherFilesAreErrors { get; init; }

    /// <summary>An event before this (UTC) is bad input: the app did not exist, so its <c>ts</c> is wrong.</summary>
    public DateTime EarliestEvent { get; init; } = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>An event after this (UTC) is bad input; null: a day after the run started, as logs cannot come from the future.</summary>
    public DateTime? LatestEvent { get; init; }

    /// <summary>
    /// Every listed file is read and hashed before staging, and a table whose staged file's content changed is restaged even
    /// when its size and write time (or ETag) did not change: <c>--verify-input</c>, <c>[S3] VERIFY_INPUT</c> (<see cref="InputHashes"/>).
    /// </summary>
    public bool VerifyInput { get; init; }

    public static InputPolicy Default { get; } = new();

    /// <summary>From <c>[S3] OTHER_FILES</c>, <c>EARLIEST_EVENT</c>, <c>LATEST_EVENT</c> and <c>VERIFY_INPUT</c>, the defaults where they are empty.</summary>
    public static InputPolicy From(Sparkify.Settings.DwhConfig config) => new()
    {
        OtherFilesAreErrors = config.OtherFilesAreErrors,
        EarliestEvent = config.EarliestEvent ?? Default.EarliestEvent,
        LatestEvent = config.LatestEvent,
        VerifyInput = config.VerifyInput,
    };

    /// <summary>The latest plausible event time for a run starting at <paramref name="runStart"/>.</summary>
    public DateTime LatestEventFor(DateTime runStart) => LatestEvent ?? runStart.AddDays(1);
}
