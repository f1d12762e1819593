using Sparkify.Data.Settings;
using Sparkify.Data.Tests.Infrastructure;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Data.Tests;

/// <summary>Loading new files on top of earlier runs gives the tables one full load would, and skips what is already loaded.</summary>
public sealed class IncrementalLoadTests(SampleWarehouse sample) : IClassFixture<SampleWarehouse>, IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-incremental-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    /// <summary>The star tables' rows without surrogate keys, which depend on insertion order.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> StarRowsAsync(TestDatabase database)
    {
        var rows = new Dictionary<string, string>();
        foreach (var (table, columns) in new[]
                 {
                     ("songplays", "start_time, user_id, level, song_id, artist_id, session_id, location, user_agent"),
                     ("users", "*"), ("songs", "*"), ("artists", "*"), ("time", "*"),
                 })
            rows[table] = await database.ScalarAsync<string>(
                $"select count(*) || ':' || md5(string_agg(r::text, '|' order by r::text)) from (select {columns} from {table}) as r");
        return rows;
    }

    /// <summary>A view of the real data set through symbolic links (nothing is copied): all song files, and the given days' logs.</summary>
    private void LinkRealData(IEnumerable<int> days)
    {
        var real = DataPaths.RequireRealData();
        if (!Directory.Exists(Path.Combine(_input, "song_data")))
            Directory.CreateSymbolicLink(Path.Combine(_input, "song_data"), Path.Combine(real, "song_data"));
        var logs = Directory.CreateDirectory(Path.Combine(_input, "log_data", "2018", "11")).FullName;
        foreach (var day in days)
            File.CreateSymbolicLink(Path.Combine(logs, $"2018-11-{day:00}-events.json"), Path.Combine(real, "log_data", "2018", "11", $"2018-11-{day:00}-events.json"));
    }

    [Fact]
    public async Task Days_1_to_29_then_day_30_equals_days_1_to_30_at_once()
    {
        LinkRealData(Enumerable.Range(1, 29));
        await using var incremental = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(incremental, _input);
        LinkRealData([30]);

        var second = await Warehouse.LoadAsync(incremental, _input);
        await using var full = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(full, DataPaths.RealData);

        Assert.Equal(await StarRowsAsync(full), await StarRowsAsync(incremental));
        Assert.Equal(319, second.RowsIn("songplays"));
        Assert.Equal(1, await incremental.ScalarAsync<int>("select files from load_runs where run_id = (select max(run_id) from load_runs)"));
    }

    [Fact]
    public async Task Later_days_update_the_levels_of_users_who_changed_plan()
    {
        // The real data's day 30 changes nobody's level; the sample's second half does.
        CopySample(logDays: day => day <= 15);
        await using var incremental = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(incremental, _input);
        var firstHalf = await LevelsAsync(incremental);

        CopySample(logDays: day => day > 15, rest: false);
        await Warehouse.LoadAsync(incremental, _input);

        var changed = firstHalf.Intersect(await LevelsAsync(sample.Database)).Count();
        Assert.True(changed < firstHalf.Count, "some user's level should differ between the first half and the whole month");
        Assert.Equal(await LevelsAsync(sample.Database), await LevelsAsync(incremental));
        Assert.Equal(await StarRowsAsync(sample.Database), await StarRowsAsync(incremental));
    }

    /// <summary>Copies the sample's logs of the chosen days into the input folder and, unless told not to, the rest (its song files).</summary>
    private void CopySample(Func<int, bool> logDays, bool rest = true)
    {
        var logs = Path.Combine(SampleWarehouse.Folder, "log_data");
        FileTree.Copy(SampleWarehouse.Folder, _input,
            file => file.StartsWith(logs, StringComparison.Ordinal) ? logDays(DayOf(file)) : rest);
    }

    private static int DayOf(string logFile) => int.Parse(Path.GetFileName(logFile)[8..10], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<(int, string)>> LevelsAsync(TestDatabase database) =>
        (await database.RowsAsync("select user_id, level from users order by user_id")).Select(r => ((int)r[0]!, (string)r[1]!)).ToList();

    [Fact]
    public async Task A_rerun_over_the_same_files_stages_nothing_unless_asked_for_a_full_reload()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        await using var database = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(database, _input);
        var before = await database.SnapshotAsync();

        await Warehouse.LoadAsync(database, _input);
        await Warehouse.LoadAsync(database, _input, fullReload: true);

        Assert.Equal([330, 0, 330], (await database.RowsAsync("select files from load_runs order by run_id")).Select(r => (int)r[0]!));
        Assert.Equal(before, await database.SnapshotAsync());
        Assert.Equal(330, await database.ScalarAsync<long>("select count(*) from loaded_files"));
    }

    [Fact]
    public async Task A_file_whose_content_changed_reloads_its_table_from_every_file()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        await using var database = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(database, _input);
        var changed = Path.Combine(_input, "log_data", "2018", "11", "2018-11-15-events.json");
        var lines = File.ReadAllLines(changed);
        File.WriteAllLines(changed, lines.Take(lines.Length - 1)); // a file can shrink as well as grow

        await Warehouse.LoadAsync(database, _input);

        Assert.Equal(2999, await database.ScalarAsync<long>("select count(*) from staging_events"));
        Assert.Equal(30, await database.ScalarAsync<int>("select files from load_runs where run_id = (select max(run_id) from load_runs)"));
    }

    [Fact]
    public async Task A_touched_but_unchanged_file_is_recognised_by_its_checksum_and_skipped()
    {
        FileTree.Copy(SampleWarehouse.Folder, _input);
        await using var database = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(database, _input);
        var touched = Path.Combine(_input, "log_data", "2018", "11", "2018-11-15-events.json");
        File.SetLastWriteTimeUtc(touched, DateTime.UtcNow.AddHours(1));
        var sameSizeEdit = Path.Combine(_input, "log_data", "2018", "11", "2018-11-16-events.json");

        await Warehouse.LoadAsync(database, _input);
        var content = File.ReadAllText(sameSizeEdit);
        File.WriteAllText(sameSizeEdit, content.Replace("\"level\":\"free\"", "\"level\":\"paid\""));
        await Warehouse.LoadAsync(database, _input);

        // The touched file: same size, new write time, same checksum, so nothing is staged. The edited one has the
        // same size too, but its checksum differs: the table is restaged from all its files.
        Assert.Equal([330, 0, 30], (await database.RowsAsync("select files from load_runs order by run_id")).Select(r => (int)r[0]!));
        Assert.Equal(3000, await database.ScalarAsync<long>("select count(*) from staging_events"));
    }

    [Fact]
    public async Task A_file_behind_a_symbolic_link_is_restaged_when_its_target_changes()
    {
        var targets = Path.Combine(_input, "targets");
        FileTree.Copy(SampleWarehouse.Folder, targets);
        var view = Path.Combine(_input, "view");
        Directory.CreateDirectory(Path.Combine(view, "log_data"));
        Directory.CreateSymbolicLink(Path.Combine(view, "song_data"), Path.Combine(targets, "song_data"));
        foreach (var log in Directory.GetFiles(Path.Combine(targets, "log_data"), "*.json", SearchOption.AllDirectories))
            File.CreateSymbolicLink(Path.Combine(view, "log_data", Path.GetFileName(log)), log);
        await using var database = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(database, view);
        var edited = Path.Combine(targets, "log_data", "2018", "11", "2018-11-15-events.json");
        var lines = File.ReadAllLines(edited);
        File.WriteAllLines(edited, lines.Take(lines.Length - 1));

        await Warehouse.LoadAsync(database, view);

        // The link itself did not change; its target did, and the ledger must see it.
        Assert.Equal(2999, await database.ScalarAsync<long>("select count(*) from staging_events"));
    }

    [Fact]
    public async Task A_stager_used_for_a_second_run_lists_its_folders_afresh()
    {
        CopySample(logDays: day => day <= 15);
        await using var database = await TestDatabase.CreateAsync();
        var loader = new WarehouseLoader(DatabaseEngine.Postgres, database.ConnectionString, new SilentObserver());
        var stager = new PostgresStager(InputSources.Local(Path.Combine(_input, "song_data"), Path.Combine(_input, "log_data")));
        await loader.LoadAsync(stager, TestContext.Current.CancellationToken);

        CopySample(logDays: day => day > 15, rest: false);
        await loader.LoadAsync(stager, TestContext.Current.CancellationToken);

        Assert.Equal(15, await database.ScalarAsync<int>("select files from load_runs where run_id = (select max(run_id) from load_runs)"));
        Assert.Equal(await StarRowsAsync(sample.Database), await StarRowsAsync(database));
    }
}
