using Npgsql;
using Sparkify.Data.Tests.Infrastructure;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Transform;

namespace Sparkify.Data.Tests;

/// <summary>
/// Each data check, broken on purpose. PostgreSQL's own constraints would stop most of these, so each
/// test first drops the constraint that Redshift would not enforce anyway; all of it in a transaction
/// that is rolled back, so the loaded sample stays intact for the next test.
/// </summary>
public sealed class DataCheckTests(SampleWarehouse warehouse) : IClassFixture<SampleWarehouse>
{
    private const string FirstPlay = "(select min(songplay_id) from songplays)";

    [Theory]
    [InlineData("01_songplays_key.sql", "alter table songplays drop constraint pk_songplays cascade",
        $"insert into songplays select * from songplays where songplay_id = {FirstPlay}")]
    [InlineData("02_users_key.sql", "alter table users drop constraint pk_users cascade",
        "insert into users select * from users where user_id = (select min(user_id) from users)")]
    [InlineData("03_songs_key.sql", "alter table songs drop constraint pk_songs cascade",
        "insert into songs select * from songs where song_id = (select min(song_id) from songs)")]
    [InlineData("04_artists_key.sql", "alter table artists drop constraint pk_artists cascade",
        "insert into artists select * from artists where artist_id = (select min(artist_id) from artists)")]
    [InlineData("05_time_key.sql", "alter table time drop constraint pk_time cascade",
        "insert into time select * from time where start_time = (select min(start_time) from time)")]
    [InlineData("06_songplays_users.sql", "alter table songplays drop constraint fk_songplays_users_user_id",
        $"delete from users where user_id = (select user_id from songplays where songplay_id = {FirstPlay})")]
    [InlineData("07_songplays_songs.sql", "alter table songplays drop constraint fk_songplays_songs_song_id",
        $"delete from songs where song_id = (select song_id from songplays where songplay_id = {FirstPlay})")]
    [InlineData("08_songplays_artists.sql", "alter table songplays drop constraint fk_songplays_artists_artist_id; alter table songs drop constraint fk_songs_artists_artist_id",
        $"delete from artists where artist_id = (select artist_id from songplays where songplay_id = {FirstPlay})")]
    [InlineData("09_songplays_time.sql", "alter table songplays drop constraint fk_songplays_time_start_time",
        $"delete from time where start_time = (select start_time from songplays where songplay_id = {FirstPlay})")]
    [InlineData("10_songs_artists.sql", "alter table songs drop constraint fk_songs_artists_artist_id",
        "insert into songs (song_id, title, artist_id) values ('SOORPHAN', 'Nobody''s song', 'ARNOBODY')")]
    [InlineData("11_users_level.sql", "", "update users set level = 'premium' where user_id = (select min(user_id) from users)")]
    [InlineData("12_songplays_level.sql", "", $"update songplays set level = 'trial' where songplay_id = {FirstPlay}")]
    [InlineData("13_time_parts.sql", "", "update time set weekday = 7 where start_time = (select min(start_time) from time)")]
    [InlineData("14_songplays_nextsong_only.sql", "", $"""
        update staging_events set page = 'Home'
        where user_id = (select cast(user_id as varchar(32)) from songplays where songplay_id = {FirstPlay})
            and session_id = (select session_id from songplays where songplay_id = {FirstPlay})
            and timestamp 'epoch' + ts * interval '1 millisecond' = (select start_time from songplays where songplay_id = {FirstPlay})
        """)]
    [InlineData("15_songplays_no_fan_out.sql", "", $"""
        update staging_events set page = 'Home' where page = 'NextSong' and not exists (
            select 1 from songplays p where p.start_time = timestamp 'epoch' + ts * interval '1 millisecond'
                and cast(p.user_id as varchar(32)) = staging_events.user_id and p.session_id = staging_events.session_id);
        insert into songplays (start_time, user_id, level, song_id, artist_id, session_id)
        select start_time, user_id, level, song_id, artist_id, session_id from songplays where songplay_id = {FirstPlay}
        """)]
    public async Task A_broken_invariant_fails_its_check_and_names_it(string checkName, string dropConstraint, string breakIt)
    {
        var check = SqlScripts.Checks.Single(c => c.Name == checkName);
        await using var connection = await warehouse.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        var runner = new DataCheckRunner(connection);
        await runner.RunAsync([check], TestContext.Current.CancellationToken); // holds on the loaded sample

        foreach (var sql in new[] { dropConstraint, breakIt }.Where(s => s.Length > 0))
            await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<DataCheckException>(() => runner.RunAsync([check], TestContext.Current.CancellationToken));

        Assert.Same(check, error.Check);
        Assert.StartsWith($"data check {checkName} failed", error.Message);
        Assert.Contains("e.g.", error.Message);
    }

    [Fact]
    public void Every_check_is_broken_by_a_test()
    {
        var tested = typeof(DataCheckTests).GetMethod(nameof(A_broken_invariant_fails_its_check_and_names_it))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.Data[0]!);

        Assert.Equal(SqlScripts.Checks.Select(c => c.Name), tested);
    }
}
