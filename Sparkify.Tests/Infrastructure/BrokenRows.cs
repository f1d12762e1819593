namespace Sparkify.Tests.Infrastructure;

/// <summary>Statements that break a loaded warehouse on purpose, for the tests that prove a data check notices.</summary>
public static class BrokenRows
{
    /// <summary>The first play's id, as a subquery.</summary>
    public const string FirstPlay = "(select min(songplay_id) from songplays)";

    /// <summary>The staged event behind the first play becomes a Home page view: a play that no NextSong event explains.</summary>
    public const string FirstPlayNotNextSong = $"""
        update staging_events set page = 'Home'
        where user_id = (select cast(user_id as varchar(32)) from songplays where songplay_id = {FirstPlay})
            and session_id = (select session_id from songplays where songplay_id = {FirstPlay})
            and timestamp 'epoch' + ts * interval '1 millisecond' = (select start_time from songplays where songplay_id = {FirstPlay})
        """;

    /// <summary>The first closed period of user_levels ends a second after the next one starts: the two overlap.</summary>
    public const string OverlappingLevelPeriods = """
        update user_levels set valid_to = valid_to + interval '1 second'
        where (user_id, valid_from) = (select user_id, valid_from from user_levels where valid_to is not null order by user_id, valid_from limit 1)
        """;

    /// <summary>The first user's current period takes the other level than users holds for them.</summary>
    public const string CurrentLevelNotTheUsers = """
        update user_levels set level = case level when 'free' then 'paid' else 'free' end
        where valid_to is null and user_id = (select min(user_id) from user_levels)
        """;
}
