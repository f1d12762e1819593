using Sparkify.Loader.Checks;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>A load whose result breaks an invariant is rolled back whole.</summary>
public sealed class LoadRollbackTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-check-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    [Fact]
    public async Task A_failing_data_check_leaves_every_star_table_as_it_was()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        var before = await database.SnapshotAsync();
        // A well-formed event with a level the warehouse does not know, as a later play of user 1.
        var logFile = Directory.EnumerateFiles(Path.Combine(_input, "log_data"), "*.json", SearchOption.AllDirectories).Order().Last();
        File.AppendAllText(logFile, "\n" + """
            {"artist":null,"auth":"Logged In","firstName":"A","gender":"F","itemInSession":0,"lastName":"B","length":null,"level":"premium","location":null,"method":"PUT","page":"NextSong","registration":null,"sessionId":999999,"song":null,"status":200,"ts":1543622400000,"userAgent":null,"userId":"1"}
            """);

        var error = await Assert.ThrowsAsync<DataCheckException>(() => Warehouse.LoadAsync(database, _input));

        Assert.Equal("ck_users", error.Check.Name);
        var after = await database.SnapshotAsync();
        foreach (var table in new[] { "songplays", "users", "songs", "artists", "time" })
            Assert.Equal((table, before[table]), (table, after[table]));
    }
}
