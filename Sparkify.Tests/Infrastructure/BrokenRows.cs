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
}
