using Npgsql;
using Sparkify.Loader.Model;
using System.Text.Json.Nodes;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>
/// A run transforms only what it staged, yet the star tables end as one load of every file would leave them,
/// whatever the order the files arrive in; files already staged are skipped.
/// </summary>
public sealed class IncrementalLoadTests(SampleWarehouse sample) : IClassFixture<SampleWarehouse>, IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-incremental-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private string Logs => Path.Combine(_input, "log_data", "2018", "11");

    private static string LogName(int day) => $"2018-11-{day:00}-events.json";

    /// <summary>A view of the real data set through symbolic links (nothing is copied): all song files, and the given days' logs.</summary>
    private void LinkRealData(IEnumerable<int> days)
    {
        var real = DataPaths.RequireRealData();
        if (!Directory.Exists(Path.Combine(_input, "song_data")))
            Directory.CreateSymbolicLink(Path.Combine(_input, "song_data"), Path.Combine(real, "song_data"));
        Directory.CreateDirectory(Logs);
        foreach (var day in days)
            File.CreateSymbolicLink(Path.Combine(Logs, LogName(day)), Path.Combine(real, "log_data", "2018", "11", LogName(day)));
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public async Task Days_1_to_29_then_day_30_equals_days_1_to_30_at_once()
    {
        LinkRealData(Enumerable.Range(1, 29));
        await using var incremental = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(incremental, _input);
        LinkRealData([30]);

        var second = await Warehouse.LoadAsync(incremental, _input);
        await using var full = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(full, DataPaths.RealData);

        Assert.Equal(await full.StarRowsAsync(), await incremental.StarRowsAsync());
        Assert.Equal(319, second.RowsIn("songplays"));
        Assert.Equal(1, await incremental.ScalarAsync<int>("select files from load_runs where run_id = (select max(run_id) from load_runs)"));
    }

    [Fact]
    public async Task Later_days_update_the_levels_of_users_who_changed_plan()
    {
        // The real data's day 30 changes nobody's level; the sample's second half does.
        CopySample(logDays: day => day <= 15);
        await using var incremental = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(incremental, _input);
        var firstHalf = await LevelsAsync(incremental);

        CopySample(logDays: day => day > 15, rest: false);
        await Warehouse.LoadAsync(incremental, _input);

        var changed = firstHalf.Intersect(await LevelsAsync(sample.Database)).Count();
        Assert.True(changed < firstHalf.Count, "some user's level should differ between the first half and the whole month");
        Assert.Equal(await LevelsAsync(sample.Database), await LevelsAsync(incremental));
        Assert.Equal(await sample.Database.StarRowsAsync(), await incremental.StarRowsAsync());
    }

    [Fact]
    public async Task A_late_day_loaded_last_leaves_newer_levels_alone_and_equals_every_day_at_once()
    {
        CopySample(logDays: _ => true);
        // A user who plays on day 15 and later was on the other plan on day 15: the late day is older news.
        var (user, laterLevel) = GiveADay15UserTheOtherLevel();
        var day15 = Path.Combine(Logs, LogName(15));
        var held = Path.Combine(_input, LogName(15));
        File.Move(day15, held);
        await using var incremental = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(incremental, _input);
        File.Move(held, day15);

        await Warehouse.LoadAsync(incremental, _input);
        await using var full = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(full, _input);

        Assert.Equal(laterLevel, await incremental.ScalarAsync<string>($"select level from users where user_id = {user}"));
        Assert.Equal(await full.StarRowsAsync(), await incremental.StarRowsAsync());
    }

    /// <summary>Flips, in the copied day-15 log, the level of a user whose last play comes later; returns the user and that last play's level.</summary>
    private (int User, string LaterLevel) GiveADay15UserTheOtherLevel()
    {
        JsonObject[] Plays(int day) => [.. File.ReadAllLines(Path.Combine(Logs, LogName(day))).Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject()).Where(e => (string?)e["page"] == "NextSong" && (string?)e["userId"] is { Length: > 0 })];
        var later = Enumerable.Range(16, 15).SelectMany(Plays).ToList();
        var user = Plays(15).Select(e => (string)e["userId"]!).First(u => later.Any(e => (string)e["userId"]! == u));
        var laterLevel = (string)later.Where(e => (string)e["userId"]! == user).MaxBy(e => (long)e["ts"]!)!["level"]!;
        var other = laterLevel == "paid" ? "free" : "paid";
        var file = Path.Combine(Logs, LogName(15));
        File.WriteAllLines(file, File.ReadAllLines(file).Select(line =>
        {
            if (line.Length == 0 || JsonNode.Parse(line)!.AsObject() is not { } e || (string?)e["userId"] != user)
                return line;
            e["level"] = other;
            return e.ToJsonString();
        }));
        return (int.Parse(user, System.Globalization.CultureInfo.InvariantCulture), laterLevel);
    }

    [Fact]
    public async Task The_same_event_in_two_files_gives_one_songplay_in_one_run_and_across_runs()
    {
        CopySample(logDays: _ => true);
        var resent = Path.Combine(Logs, "2018-11-10-events-resent.json");
        await using var acrossRuns = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(acrossRuns, _input);
        File.Copy(Path.Combine(Logs, LogName(10)), resent);

        var second = await Warehouse.LoadAsync(acrossRuns, _input);
        await using var oneRun = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(oneRun, _input);

        Assert.Equal(0, second.TransformSteps.Single(s => s.Script.Name == "21_songplays.sql").RowsAffected);
        Assert.Equal(await sample.Database.StarRowsAsync(), await acrossRuns.StarRowsAsync());
        Assert.Equal(await sample.Database.StarRowsAsync(), await oneRun.StarRowsAsync());
    }

    [Fact]
    public async Task A_song_file_arriving_after_the_events_that_play_it_produces_those_plays()
    {
        var (songFile, plays) = await MostPlayedSongFileAsync();
        CopySample(logDays: _ => true);
        var copied = Path.Combine(_input, Path.GetRelativePath(SampleWarehouse.Folder, songFile));
        var held = Path.Combine(_input, "held.json");
        File.Move(copied, held);
        await using var database = await TestDatabase.CreateMigratedAsync();
        var first = await Warehouse.LoadAsync(database, _input);
        File.Move(held, copied);

        await Warehouse.LoadAsync(database, _input);

        Assert.Equal(648 - plays, first.RowsIn("songplays"));
        Assert.Equal(await sample.Database.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task A_late_song_with_a_lower_song_id_takes_over_the_plays_it_matches_as_a_load_of_both_at_once_would()
    {
        var (songFile, plays) = await MostPlayedSongFileAsync();
        CopySample(logDays: _ => true);
        await using var incremental = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(incremental, _input);
        var twin = JsonNode.Parse(File.ReadAllText(songFile))!.AsObject();
        twin["song_id"] = "SO0000000000000000"; // sorts before every generated id
        Directory.CreateDirectory(Path.Combine(_input, "song_data", "twin"));
        File.WriteAllText(Path.Combine(_input, "song_data", "twin", "TWIN.json"), twin.ToJsonString());

        await Warehouse.LoadAsync(incremental, _input);
        await using var full = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(full, _input);

        Assert.Equal(plays, await incremental.ScalarAsync<long>("select count(*) from songplays where song_id = 'SO0000000000000000'"));
        Assert.Equal(await full.StarRowsAsync(), await incremental.StarRowsAsync());
    }

    /// <summary>The sample's song file with the most plays, and how many.</summary>
    private async Task<(string File, long Plays)> MostPlayedSongFileAsync()
    {
        var top = (await sample.Database.RowsAsync(
            "select song_id, count(*) from songplays group by song_id order by count(*) desc, song_id limit 1"))[0];
        var file = Directory.EnumerateFiles(Path.Combine(SampleWarehouse.Folder, "song_data"), "*.json", SearchOption.AllDirectories)
            .Single(f => File.ReadAllText(f).Contains($"\"{top[0]}\"", StringComparison.Ordinal));
        return (file, (long)top[1]!);
    }

    [Fact]
    public async Task A_run_with_nothing_new_changes_no_row_of_any_star_table()
    {
        CopySample(logDays: _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        var before = await database.SnapshotAsync(); // every column, surrogate keys and run ids included

        var second = await Warehouse.LoadAsync(database, _input);

        Assert.Equal(before, await database.SnapshotAsync());
        Assert.All(second.TransformSteps, step => Assert.Contains(step.RowsAffected, new[] { 0L, -1L }));
    }

    [Fact]
    public async Task A_full_reload_stages_every_file_again_and_rebuilds_the_same_star_rows()
    {
        CopySample(logDays: _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        var before = await database.StarRowsAsync();

        await Warehouse.LoadAsync(database, _input);
        var reloaded = await Warehouse.LoadAsync(database, _input, fullReload: true);

        Assert.Equal([330, 0, 330], (await database.RowsAsync("select files from load_runs order by run_id")).Select(r => (int)r[0]!));
        Assert.Equal(before, await database.StarRowsAsync());
        Assert.Equal(330, await database.ScalarAsync<long>("select count(*) from loaded_files"));
        // Rebuilt: every star row is the reload's.
        Assert.Equal(648, await database.ScalarAsync<long>($"select count(*) from songplays where run_id = {await LastRunAsync(database)}"));
        Assert.True(reloaded.Staged!.Events.Restaged && reloaded.Staged.Songs.Restaged);
    }

    private static Task<long> LastRunAsync(TestDatabase database) => database.ScalarAsync<long>("select max(run_id) from load_runs");

    [Fact]
    public async Task A_changed_log_file_replaces_only_its_own_staged_rows_and_leaves_the_star_tables_as_a_load_of_the_final_files()
    {
        CopySample(logDays: _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        var changed = Path.Combine(Logs, LogName(15));
        var lines = File.ReadAllLines(changed);
        File.WriteAllLines(changed, lines.Take(lines.Length - 1)); // a file can shrink as well as grow

        var corrected = await Warehouse.LoadAsync(database, _input);
        await using var full = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(full, _input);

        Assert.Equal(2999, await database.ScalarAsync<long>("select count(*) from staging_events"));
        Assert.Equal((1, 1, (long)lines.Length - 1, (long)lines.Length, false),
            (corrected.Staged!.Events.Files, corrected.Staged.Events.Replaced, corrected.Staged.Events.Rows, corrected.Staged.Events.ReplacedRows,
                corrected.Staged.Events.Restaged));
        Assert.Equal($"{changed} changed since it was staged", corrected.Staged.Events.ReplaceReason);
        // Only the corrected day's rows were staged again: every other file's rows keep the run that first staged them.
        Assert.Equal(lines.Length - 1, await database.ScalarAsync<long>($"select count(*) from staging_events where run_id = {await LastRunAsync(database)}"));
        Assert.Equal(await full.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task A_play_whose_event_two_files_hold_stays_when_a_correction_takes_it_out_of_one()
    {
        // Given the sample with one of day 15's plays also in day 16's log, the same event, loaded
        CopySample(logDays: _ => true);
        var played = (await sample.Database.RowsAsync(
                "select cast(extract(epoch from start_time) * 1000 as bigint), user_id, session_id from songplays"))
            .Select(r => ((long)r[0]!, (int)r[1]!, (int)r[2]!)).ToHashSet();
        var day15 = Path.Combine(Logs, LogName(15));
        var lines = File.ReadAllLines(day15).ToList();
        var twice = lines.FindIndex(line => JsonNode.Parse(line) is JsonObject e && (string?)e["page"] == "NextSong"
            && played.Contains(((long)e["ts"]!, int.Parse((string)e["userId"]!), (int)e["sessionId"]!)));
        var key = JsonNode.Parse(lines[twice])!.AsObject();
        var day16 = Path.Combine(Logs, LogName(16));
        File.WriteAllText(day16, File.ReadAllText(day16).TrimEnd('\n') + "\n" + lines[twice] + "\n");
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);

        // When day 15 is corrected without it
        lines.RemoveAt(twice);
        File.WriteAllLines(day15, lines);
        await Warehouse.LoadAsync(database, _input);

        // Then its play stays, from day 16's copy of the event, as a load of the final files has it
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"select count(*) from songplays where start_time = timestamp 'epoch' + {(long)key["ts"]!} * interval '1 millisecond' " +
            $"and user_id = {(string)key["userId"]!} and session_id = {(int)key["sessionId"]!}"));
        await using var full = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(full, _input);
        Assert.Equal(await full.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task A_correction_that_changes_a_users_latest_play_and_its_undoing_each_equal_a_load_of_the_files_as_they_then_are()
    {
        CopySample(logDays: _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        // Day 15 gains a play later than any in the month by a user, at the other level, of a song the catalogue has:
        // it becomes their latest play, a new songplay and a new start time; a second run takes it out again.
        var day15 = Path.Combine(Logs, LogName(15));
        var original = File.ReadAllText(day15);
        var play = (await database.RowsAsync(
            "select e.user_id, e.level, e.song, e.artist, e.length, e.session_id from staging_events e " +
            "join staging_songs s on s.title = e.song and s.artist_name = e.artist and s.duration = e.length " +
            "where e.page = 'NextSong' order by e.ts limit 1"))[0];
        var latest = await database.ScalarAsync<long>("select max(ts) from staging_events");
        var line = new JsonObject
        {
            ["artist"] = (string)play[3]!, ["auth"] = "Logged In", ["firstName"] = "Late", ["gender"] = "F", ["itemInSession"] = 0,
            ["lastName"] = "Correction", ["length"] = (double)play[4]!, ["level"] = (string)play[1]! == "free" ? "paid" : "free",
            ["location"] = "Nowhere, NV", ["method"] = "PUT", ["page"] = "NextSong", ["registration"] = 1540000000000.0,
            ["sessionId"] = (int)play[5]!, ["song"] = (string)play[2]!, ["status"] = 200, ["ts"] = latest + 1000, ["userAgent"] = "test",
            ["userId"] = (string)play[0]!,
        };
        File.WriteAllText(day15, original.TrimEnd('\n') + "\n" + line.ToJsonString() + "\n");

        await Warehouse.LoadAsync(database, _input);
        await using (var withPlay = await TestDatabase.CreateMigratedAsync())
        {
            await Warehouse.LoadAsync(withPlay, _input);
            Assert.Equal(await withPlay.StarRowsAsync(), await database.StarRowsAsync());
        }
        Assert.Equal("Correction", await database.ScalarAsync<string>($"select last_name from users where user_id = {play[0]}"));
        File.WriteAllText(day15, original);
        await Warehouse.LoadAsync(database, _input);

        Assert.Equal(await sample.Database.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task A_changed_song_file_replaces_its_song_and_the_plays_it_matched_as_a_load_of_the_final_files_would()
    {
        var (songFile, plays) = await MostPlayedSongFileAsync();
        CopySample(logDays: _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        var copy = Directory.EnumerateFiles(Path.Combine(_input, "song_data"), Path.GetFileName(songFile), SearchOption.AllDirectories).Single();
        var song = JsonNode.Parse(File.ReadAllText(copy))!.AsObject();
        var duration = (double)song["duration"]!;
        song["duration"] = duration + 1; // its plays no longer match it
        File.WriteAllText(copy, song.ToJsonString());

        var corrected = await Warehouse.LoadAsync(database, _input);
        await using var full = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(full, _input);

        Assert.True(plays > 0);
        Assert.Equal((1, 1, false), (corrected.Staged!.Songs.Files, corrected.Staged.Songs.Replaced, corrected.Staged.Songs.Restaged));
        Assert.Equal(duration + 1, await database.ScalarAsync<double>($"select duration from songs where song_id = '{song["song_id"]}'"));
        Assert.Equal(await full.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task Plays_of_a_changed_song_that_another_earlier_song_also_matches_go_to_that_song()
    {
        // Given the most played song and a second file of the same title, artist and duration under a higher song_id, loaded:
        // the plays go to the lower song_id, the first
        var (songFile, plays) = await MostPlayedSongFileAsync();
        CopySample(logDays: _ => true);
        var first = Directory.EnumerateFiles(Path.Combine(_input, "song_data"), Path.GetFileName(songFile), SearchOption.AllDirectories).Single();
        var song = JsonNode.Parse(File.ReadAllText(first))!.AsObject();
        var (firstId, secondId) = ((string)song["song_id"]!, (string)song["song_id"]! + "Z");
        var twin = song.DeepClone().AsObject();
        twin["song_id"] = secondId;
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(first)!, "twin-" + Path.GetFileName(first)), twin.ToJsonString());
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        Assert.Equal(plays, await database.ScalarAsync<long>($"select count(*) from songplays where song_id = '{firstId}'"));

        // When the first song's file changes so that its plays no longer match it
        song["duration"] = (double)song["duration"]! + 1;
        File.WriteAllText(first, song.ToJsonString());
        await Warehouse.LoadAsync(database, _input);

        // Then its plays go to the second, staged by the earlier run, as a load of the final files has them
        Assert.True(plays > 0);
        Assert.Equal(plays, await database.ScalarAsync<long>($"select count(*) from songplays where song_id = '{secondId}'"));
        await using var full = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(full, _input);
        Assert.Equal(await full.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task A_changed_file_whose_rows_were_staged_without_their_file_number_stages_its_table_afresh()
    {
        CopySample(logDays: _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        await database.ExecuteAsync("update loaded_files set file_number = null; update staging_events set file_number = null");
        var changed = Path.Combine(Logs, LogName(15));
        File.AppendAllText(changed, "\n" + File.ReadLines(changed).First());

        var corrected = await Warehouse.LoadAsync(database, _input);
        await using var full = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(full, _input);

        Assert.Equal($"{changed} changed since it was staged, and its rows were staged without their file's number, so they cannot be replaced alone",
            corrected.Staged!.Events.RestageReason);
        Assert.Equal(30, corrected.Staged.Events.Files);
        Assert.Equal(await full.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task A_touched_but_unchanged_file_is_recognised_by_its_checksum_and_skipped()
    {
        CopySample(logDays: _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        var touched = Path.Combine(Logs, LogName(15));
        File.SetLastWriteTimeUtc(touched, DateTime.UtcNow.AddHours(1));
        var sameSizeEdit = Path.Combine(Logs, LogName(16));

        await Warehouse.LoadAsync(database, _input);
        var content = File.ReadAllText(sameSizeEdit);
        File.WriteAllText(sameSizeEdit, content.Replace("\"level\":\"free\"", "\"level\":\"paid\""));
        await Warehouse.LoadAsync(database, _input);

        // The touched file: same size, new write time, same checksum, so nothing is staged. The edited one has the
        // same size too, but its checksum differs: it alone is staged again.
        Assert.Equal([330, 0, 1], (await database.RowsAsync("select files from load_runs order by run_id")).Select(r => (int)r[0]!));
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
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, view);
        var edited = Path.Combine(targets, "log_data", "2018", "11", LogName(15));
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
        await using var database = await TestDatabase.CreateMigratedAsync();
        var engine = new PostgresEngine(InputSources.Local(Path.Combine(_input, "song_data"), Path.Combine(_input, "log_data")));
        var loader = new WarehouseLoader(engine, database.ConnectionString, new SilentObserver());
        await loader.LoadAsync(TestContext.Current.CancellationToken);

        CopySample(logDays: day => day > 15, rest: false);
        await loader.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(15, await database.ScalarAsync<int>("select files from load_runs where run_id = (select max(run_id) from load_runs)"));
        Assert.Equal(await sample.Database.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task After_VACUUM_fills_old_pages_a_run_still_reads_only_the_pages_its_staged_rows_are_on()
    {
        CopySample(logDays: day => day < 30);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        // What autovacuum does to a table that grows: the free space left at the end of each page goes into the free space map.
        await database.ExecuteAsync("vacuum staging_events");
        var historyPages = await database.ScalarAsync<int>("select relpages from pg_class where relname = 'staging_events'");
        CopySample(logDays: day => day == 30, rest: false);

        await Warehouse.LoadAsync(database, _input);

        const string RunRows = "from staging_events where run_id = (select max(run_id) from load_runs)";
        var (pages, firstPage) = (await database.RowsAsync($"select count(distinct (ctid::text::point)[0]), min((ctid::text::point)[0]) {RunRows}"))
            .Select(r => (Convert.ToInt32(r[0]), Convert.ToInt32(r[1]))).Single();
        Assert.True(firstPage < historyPages, $"COPY should have put some of day 30's rows into the history's pages (first on page {firstPage} of {historyPages})");
        // Through the index, as the transforms read them, in a bitmap scan, which reports the pages it visits.
        await using var connection = await database.OpenAsync();
        await using (var noSeqScan = new NpgsqlCommand("set enable_seqscan = off; set enable_indexscan = off", connection))
            await noSeqScan.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await using var explain = new NpgsqlCommand($"explain (analyze, format json) select count(*) {RunRows}", connection);
        var plan = JsonNode.Parse((string)(await explain.ExecuteScalarAsync(TestContext.Current.CancellationToken))!)!;
        var heapPages = plan.AsArray().SelectMany(p => Nodes(p!["Plan"]!)).Where(node => node["Relation Name"]?.GetValue<string>() == "staging_events")
            .Sum(node => (node["Exact Heap Blocks"]?.GetValue<long>() ?? 0) + (node["Lossy Heap Blocks"]?.GetValue<long>() ?? 0));
        var tablePages = await database.ScalarAsync<int>("select relpages from pg_class where relname = 'staging_events'");
        Assert.True(pages < tablePages, $"day 30's rows should be on some of the table's pages, not all ({pages} of {tablePages})");
        Assert.Equal(pages, heapPages);
    }

    [Fact]
    public async Task A_run_refreshes_a_star_tables_statistics_only_when_its_changes_reach_autovacuums_threshold()
    {
        CopySample(logDays: day => day < 30);
        await using var database = await TestDatabase.CreateMigratedAsync();
        // Only the runs analyse here; autovacuum is the one that would refresh statistics after a small run.
        foreach (var table in WarehouseTables.Star)
            await database.ExecuteAsync($"alter table {table} set (autovacuum_enabled = false)");
        const string Estimates = "select relname, cast(reltuples as bigint) from pg_class where relname in ('songplays', 'time', 'users') order by relname";
        const string Counts = "select 'songplays', count(*) from songplays union all select 'time', count(*) from time " +
                              "union all select 'users', count(*) from users order by 1";

        await Warehouse.LoadAsync(database, _input);
        var afterDays1To29 = await database.RowsAsync(Counts);
        // Never analysed before: the first run gives every table its statistics, so the estimates are the counts.
        Assert.Equal(Rows(afterDays1To29), Rows(await database.RowsAsync(Estimates)));

        CopySample(logDays: day => day == 30, rest: false);
        await Warehouse.LoadAsync(database, _input);

        // Day 30 adds a few percent: the estimates stay those of day 29, though the tables grew.
        Assert.NotEqual(Rows(afterDays1To29), Rows(await database.RowsAsync(Counts)));
        Assert.Equal(Rows(afterDays1To29), Rows(await database.RowsAsync(Estimates)));
    }

    [Fact]
    public async Task A_small_run_refreshes_only_the_run_columns_statistics_of_the_events_it_staged()
    {
        CopySample(logDays: day => day < 30);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.ExecuteAsync("alter table staging_events set (autovacuum_enabled = false)");
        const string Stats = "select attname, coalesce(cast(most_common_vals as text), ''), coalesce(cast(histogram_bounds as text), '') " +
                             "from pg_stats where tablename = 'staging_events' and attname in ('run_id', 'ts') order by attname";
        await Warehouse.LoadAsync(database, _input);
        var afterDays1To29 = Rows(await database.RowsAsync(Stats));

        CopySample(logDays: day => day == 30, rest: false);
        await Warehouse.LoadAsync(database, _input);

        // Day 30 adds a few percent: ts keeps day 29's statistics, while run_id's now know the run that staged day 30.
        var afterDay30 = Rows(await database.RowsAsync(Stats));
        Assert.Equal(afterDays1To29[1], afterDay30[1]);
        var lastRun = await database.ScalarAsync<long>("select max(run_id) from load_runs");
        Assert.DoesNotContain($"{lastRun}", afterDays1To29[0].Split(": ")[1].Trim('{', '}').Split(','));
        Assert.Contains($"{lastRun}", afterDay30[0].Split(": ")[1].Trim('{', '}').Split(','));
    }

    private static List<string> Rows(List<object?[]> rows) => [.. rows.Select(r => string.Join(": ", r))];

    private static IEnumerable<JsonNode> Nodes(JsonNode plan) =>
        new[] { plan }.Concat(plan["Plans"]?.AsArray().SelectMany(child => Nodes(child!)) ?? []);

    private void CopySample(Func<int, bool> logDays, bool rest = true) => SampleDays.Copy(_input, logDays, rest);

    private static async Task<List<(int, string)>> LevelsAsync(TestDatabase database) =>
        (await database.RowsAsync("select user_id, level from users order by user_id")).Select(r => ((int)r[0]!, (string)r[1]!)).ToList();
}
