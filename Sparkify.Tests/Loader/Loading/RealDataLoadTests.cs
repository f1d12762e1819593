namespace Sparkify.Tests.Loader.Loading;

/// <summary>The full load of the real data set; expected figures are those of ../shared/data/sparkify/README.md.</summary>
[EndToEnd("loads the real data set")]
public sealed class RealDataLoadTests(RealDataWarehouse warehouse) : IClassFixture<RealDataWarehouse>
{
    [Theory]
    [InlineData("staging_events", 8_056)]
    [InlineData("staging_songs", 14_896)]
    [InlineData("songs", 14_896)]
    [InlineData("artists", 9_553)]
    [InlineData("users", 96)]
    [InlineData("songplays", 319)]
    [InlineData("time", 319)]
    public void Load_gives_the_acceptance_count(string table, long rows)
    {
        DataPaths.RequireRealData();
        Assert.Equal(rows, warehouse.FirstLoad!.RowsIn(table));
    }

    [Fact]
    public async Task Second_load_changes_nothing()
    {
        DataPaths.RequireRealData();
        var before = await warehouse.Database.SnapshotAsync();

        var second = await Warehouse.LoadAsync(warehouse.Database, DataPaths.RealData);

        Assert.Equal(before, await warehouse.Database.SnapshotAsync());
        // Nothing was staged, so no statement wrote a row (-1: a rule table was created, empty).
        Assert.All(second.TransformSteps, step => Assert.Contains(step.RowsAffected, new[] { 0L, -1L }));
    }

    [Fact]
    public async Task Every_songplay_references_rows_of_every_dimension()
    {
        DataPaths.RequireRealData();
        var orphans = await warehouse.Database.ScalarAsync<long>("""
            select count(*) from songplays p
            where not exists (select 1 from users u where u.user_id = p.user_id)
               or not exists (select 1 from songs s where s.song_id = p.song_id and s.artist_id = p.artist_id)
               or not exists (select 1 from artists a where a.artist_id = p.artist_id)
               or not exists (select 1 from time t where t.start_time = p.start_time)
            """);
        Assert.Equal(0, orphans);
    }
}
