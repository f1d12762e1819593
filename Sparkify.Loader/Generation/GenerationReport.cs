using System.Text.Json;
using Sparkify.Loader.Model;

namespace Sparkify.Loader.Generation;

/// <summary>What the generator wrote, counted from its own bookkeeping (not by reading its output back).</summary>
public sealed record GenerationReport
{
    public const string FileName = "generation-report.json";
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public required int Seed { get; init; }
    public required int SongFiles { get; init; }
    public required int Songs { get; init; }
    public required int Artists { get; init; }
    public required int LogFiles { get; init; }
    public required long Events { get; init; }
    public required long NextSongEvents { get; init; }
    /// <summary>Users with at least one NextSong event: the rows <c>users</c> should get.</summary>
    public required int UsersWhoPlayed { get; init; }
    /// <summary>Users whose level at their last NextSong event differs from their first.</summary>
    public required int UsersWhoChangedLevel { get; init; }
    /// <summary>Paid users, by the level of their latest NextSong event.</summary>
    public required int PaidUsers { get; init; }
    /// <summary>Periods of one user at one level between changes, over each user's NextSong events: the rows <c>user_levels</c> should get.</summary>
    public required int LevelPeriods { get; init; }
    /// <summary>NextSong events whose title, artist and duration match a generated song exactly.</summary>
    public required long MatchedPlays { get; init; }
    public required long DistinctMatchedStartTimes { get; init; }

    /// <summary>The row count each table should have after loading this output into an empty warehouse.</summary>
    public IReadOnlyDictionary<string, long> ExpectedRows() => new Dictionary<string, long>
    {
        [WarehouseTables.StagingEvents] = Events,
        [WarehouseTables.StagingSongs] = Songs,
        [WarehouseTables.Songs] = Songs,
        [WarehouseTables.Artists] = Artists,
        [WarehouseTables.Users] = UsersWhoPlayed,
        [WarehouseTables.UserLevels] = LevelPeriods,
        [WarehouseTables.SongPlays] = MatchedPlays,
        [WarehouseTables.Time] = DistinctMatchedStartTimes,
    };
}
