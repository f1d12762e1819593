namespace Sparkify.Loader.Analytics;

/// <summary>
/// The figures of the <c>report</c> verb: what <c>report.json</c> holds, and what the page and its charts draw.
/// A play is a row of <c>songplays</c>: a NextSong event whose song was found in the catalogue.
/// </summary>
public sealed record AnalyticsReport
{
    public required Headline Headline { get; init; }
    public required SongMatch SongMatch { get; init; }

    /// <summary>Every NextSong event of the song match in one class: matched, or why not.</summary>
    public required MissingPlays MissingPlays { get; init; }

    /// <summary>Every day from the first play's to the last play's, days without a play included.</summary>
    public required IReadOnlyList<DayPlays> PlaysPerDay { get; init; }

    /// <summary>Hours 0–23 (UTC), each present.</summary>
    public required IReadOnlyList<HourPlays> PlaysByHour { get; init; }

    /// <summary>Weekdays 0 (Sunday) to 6, each present.</summary>
    public required IReadOnlyList<WeekdayPlays> PlaysByWeekday { get; init; }

    public required LevelFigures Levels { get; init; }

    /// <summary>Every day from the first to the last with an upgrade or a downgrade, days without either included.</summary>
    public required IReadOnlyList<LevelChangeDay> LevelChangesPerDay { get; init; }

    /// <summary>Every day from the first play's to the last play's, days without a play included.</summary>
    public required IReadOnlyList<PaidShareDay> PaidSharePerDay { get; init; }

    public required UpgradeFunnel UpgradeFunnel { get; init; }

    public required IReadOnlyList<SongRank> TopSongs { get; init; }
    public required IReadOnlyList<ArtistRank> TopArtists { get; init; }
    public required IReadOnlyList<Share> TopMetroAreas { get; init; }
    public required IReadOnlyList<Share> TopStates { get; init; }
    public required IReadOnlyList<Share> Devices { get; init; }
    public required IReadOnlyList<Share> Browsers { get; init; }
    public required IReadOnlyList<UserGroup> UsersByGenderAndLevel { get; init; }
}

/// <summary>The data's date range (of its plays, UTC) and the size of the fact and each dimension but time.</summary>
public sealed record Headline(DateTime? FirstPlay, DateTime? LastPlay, long Plays, long Users, long Songs, long Artists);

/// <summary>How many distinct NextSong events (with a user) the warehouse has staged, and how many found their song.</summary>
public sealed record SongMatch(long NextSongEvents, long Matched)
{
    /// <summary>Matched as a share of the events, 0 to 1; null without events.</summary>
    public double? MatchedShare => NextSongEvents == 0 ? null : (double)Matched / NextSongEvents;
}

public sealed record DayPlays(DateOnly Day, long Plays);

public sealed record HourPlays(int Hour, long Plays);

public sealed record WeekdayPlays(int Weekday, string Name, long Plays);

/// <summary>Free versus paid: plays at each level and the users who made them; a user who played at both counts in each.</summary>
public sealed record LevelFigures(IReadOnlyList<LevelPlays> ByLevel, long UsersAtBothLevels);

public sealed record LevelPlays(string Level, long Plays, long Users);

public sealed record SongRank(string SongId, string Title, string Artist, long Plays);

public sealed record ArtistRank(string ArtistId, string Artist, long Plays);

/// <summary>The plays of one group (a metro area, a state, a device, a browser) and the distinct users behind them.</summary>
public sealed record Share(string Name, long Plays, long Users);

public sealed record UserGroup(string Gender, string Level, long Users);
