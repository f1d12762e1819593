namespace Sparkify.Tests.Loader.Reporting;

/// <summary>
/// Questions the analytics team asks, on the real data. Expected values were computed independently,
/// in Python straight from the JSON files (exact title, artist name and duration match), not with this project.
/// </summary>
[EndToEnd("reads the real data set")]
public sealed class AnalyticQueryTests(RealDataWarehouse warehouse) : IClassFixture<RealDataWarehouse>
{
    [Fact]
    public async Task Paid_users_account_for_most_plays()
    {
        DataPaths.RequireRealData();
        var rows = await warehouse.Database.RowsAsync("select level, count(*) from songplays group by level order by level");

        Assert.Equal([("free", 58L), ("paid", 261L)], rows.Select(r => ((string)r[0]!, (long)r[1]!)));
    }

    [Fact]
    public async Task Most_played_song_is_youre_the_one_by_dwight_yoakam()
    {
        DataPaths.RequireRealData();
        var top = await warehouse.Database.RowsAsync("""
            select s.title, a.name, count(*) as plays
            from songplays p
            join songs s on s.song_id = p.song_id
            join artists a on a.artist_id = p.artist_id
            group by s.title, a.name
            order by plays desc
            limit 1
            """);

        Assert.Equal(("You're The One", "Dwight Yoakam", 37L), ((string)top[0][0]!, (string)top[0][1]!, (long)top[0][2]!));
    }

    [Fact]
    public async Task Busiest_hour_of_the_day_is_17_utc()
    {
        DataPaths.RequireRealData();
        var top = await warehouse.Database.RowsAsync("""
            select t.hour, count(*) as plays
            from songplays p join time t on t.start_time = p.start_time
            group by t.hour order by plays desc limit 1
            """);

        Assert.Equal((17, 39L), ((int)top[0][0]!, (long)top[0][1]!));
    }

    [Fact]
    public async Task Plays_per_weekday_count_sunday_as_zero()
    {
        DataPaths.RequireRealData();
        var rows = await warehouse.Database.RowsAsync("""
            select t.weekday, count(*) from songplays p join time t on t.start_time = p.start_time
            group by t.weekday order by t.weekday
            """);

        Assert.Equal([(0, 16L), (1, 59L), (2, 42L), (3, 58L), (4, 63L), (5, 51L), (6, 30L)],
            rows.Select(r => ((int)r[0]!, (long)r[1]!)));
    }

    [Fact]
    public async Task Users_keep_the_level_of_their_latest_play()
    {
        DataPaths.RequireRealData();

        Assert.Equal(22, await warehouse.Database.ScalarAsync<long>("select count(*) from users where level = 'paid'"));
        Assert.Equal("paid", await warehouse.Database.ScalarAsync<string>("select level from users where user_id = 15"));
    }

    [Fact]
    public async Task Start_times_keep_their_milliseconds_in_utc()
    {
        DataPaths.RequireRealData();
        var first = await warehouse.Database.RowsAsync("select start_time, song_id from songplays order by start_time limit 1");

        Assert.Equal(new DateTime(2018, 11, 1, 21, 11, 13, 796), (DateTime)first[0][0]!);
        Assert.Equal("SOEIQUY12AF72A086A", first[0][1]);
    }
}
