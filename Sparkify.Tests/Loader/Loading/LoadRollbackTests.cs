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
        // Input can no longer break a check (the parser judges every value the transforms rely on), so a trigger plays a transform
        // gone wrong: it writes a level users does not accept for the user a later play of the sample updates
        // (a changed file may rebuild users rather than update it, hence insert too).
        await database.ExecuteAsync("""
            create function break_level() returns trigger language plpgsql as $$ begin new.level := 'premium'; return new; end $$;
            create trigger break_level before insert or update on users for each row execute function break_level();
            """);
        var logFile = Directory.EnumerateFiles(Path.Combine(_input, "log_data"), "*.json", SearchOption.AllDirectories).Order().Last();
        var lastPlay = File.ReadLines(logFile).Last(l => l.Contains("\"page\":\"NextSong\"", StringComparison.Ordinal));
        File.AppendAllText(logFile, "\n" + System.Text.RegularExpressions.Regex.Replace(lastPlay, "\"ts\":(\\d+)",
            m => $"\"ts\":{long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1000}"));

        var error = await Assert.ThrowsAsync<DataCheckException>(() => Warehouse.LoadAsync(database, _input));

        Assert.Equal("ck_users", error.Check.Name);
        var after = await database.SnapshotAsync();
        foreach (var table in new[] { "songplays", "users", "songs", "artists", "time" })
            Assert.Equal((table, before[table]), (table, after[table]));
    }
}
