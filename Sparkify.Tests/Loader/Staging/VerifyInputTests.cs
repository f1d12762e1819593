using Sparkify.Loader.Staging;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// A log file edited in place with its size and write time kept looks staged to the ledger: without --verify-input it is
/// not restaged; with it, every listed file is hashed and the table is restaged as for any changed file, the warehouse then
/// equal to a clean load of the edited input. Files whose content matches are not restaged.
/// </summary>
public sealed class VerifyInputTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-verify-").FullName;

    public VerifyInputTests() => FileTree.Copy(SampleWarehouse.Folder, _input);

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private string EditedFile => Path.Combine(_input, "log_data", "2018", "11", "2018-11-30-events.json");

    /// <summary>One free play of the last day made paid: a change of content, of size none.</summary>
    internal static string MakeOnePlayPaid(string log)
    {
        var at = log.LastIndexOf("\"level\":\"free\"", StringComparison.Ordinal);
        Assert.True(at >= 0, "the log holds a free play");
        return string.Concat(log.AsSpan(0, at), "\"level\":\"paid\"", log.AsSpan(at + "\"level\":\"free\"".Length));
    }

    private Task<LoadResult> LoadAsync(TestDatabase database, bool verifyInput) =>
        new WarehouseLoader(new PostgresEngine(InputSources.Local(Path.Combine(_input, "song_data"), Path.Combine(_input, "log_data"))),
            database.ConnectionString, new SilentObserver()) { Policy = InputPolicy.Default with { VerifyInput = verifyInput } }
            .LoadAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_file_edited_in_place_keeping_size_and_write_time_has_its_rows_replaced_only_with_verify_input()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await LoadAsync(database, verifyInput: false);
        LocalFiles.RewriteInPlace(EditedFile, MakeOnePlayPaid);

        var without = await LoadAsync(database, verifyInput: false);
        var stale = await DroppedReadTests.StagedRowsAsync(database);
        var with = await LoadAsync(database, verifyInput: true);

        Assert.Equal((0, null), (without.Staged!.Events.Files, without.Staged.Events.RestageReason));
        Assert.Equal($"{EditedFile} changed since it was staged (its content, as --verify-input found; its size and write time did not)",
            with.Staged!.Events.ReplaceReason);
        Assert.Equal((1, 1, null), (with.Staged.Events.Files, with.Staged.Events.Replaced, with.Staged.Events.RestageReason));
        Assert.Null(with.Staged.Songs.RestageReason);
        await using var clean = await TestDatabase.CreateMigratedAsync();
        await LoadAsync(clean, verifyInput: false);
        var expected = await DroppedReadTests.StagedRowsAsync(clean);
        Assert.NotEqual(expected, stale);
        Assert.Equal(expected, await DroppedReadTests.StagedRowsAsync(database));
        Assert.Equal(await clean.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task With_verify_input_files_whose_content_matches_are_not_restaged_even_when_touched()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await LoadAsync(database, verifyInput: true);
        var before = await database.SnapshotAsync();
        File.SetLastWriteTimeUtc(EditedFile, DateTime.UtcNow.AddMinutes(1));

        var result = await LoadAsync(database, verifyInput: true);

        Assert.Equal((0, null), (result.Staged!.Events.Files, result.Staged.Events.RestageReason));
        Assert.Equal((0, null), (result.Staged.Songs.Files, result.Staged.Songs.RestageReason));
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task Every_staged_file_has_its_content_hash_in_the_ledger_and_a_file_without_one_is_staged_again_to_record_it()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await LoadAsync(database, verifyInput: false);
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from loaded_files where content_hash is distinct from checksum"));
        await database.ExecuteAsync($"update loaded_files set content_hash = null where path = '{EditedFile}'");

        var result = await LoadAsync(database, verifyInput: true);

        Assert.StartsWith($"{EditedFile} has no content hash in the ledger to verify it by", result.Staged!.Events.ReplaceReason);
        Assert.Equal(1, result.Staged.Events.Files);
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from loaded_files where content_hash is null"));
    }

    [Fact]
    public async Task The_dry_run_reads_and_hashes_the_files_too_when_asked_to_verify()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await LoadAsync(database, verifyInput: false);
        LocalFiles.RewriteInPlace(EditedFile, MakeOnePlayPaid);
        await using var connection = await database.OpenAsync();
        var stager = new PostgresStager(InputSources.Local(Path.Combine(_input, "song_data"), Path.Combine(_input, "log_data")));

        async Task<string> PreviewAsync(bool verifyInput)
        {
            var output = new StringWriter();
            await Sparkify.Loader.Cli.StagingPreview.WriteAsync(output, stager, connection, fullReload: false, TestContext.Current.CancellationToken, verifyInput);
            return output.ToString();
        }

        Assert.Contains("--   staging_events: 0 of 30 are new:", await PreviewAsync(verifyInput: false));
        Assert.Contains($"--   staging_events: 1 of 30 are new or changed (1 changed, whose staged rows would be replaced: {EditedFile} changed since it was " +
                        "staged (its content, as --verify-input found;",
            await PreviewAsync(verifyInput: true));
    }

    [Fact]
    public void The_dwh_cfg_setting_turns_verification_on_for_every_run()
    {
        var path = Path.Combine(_input, "dwh.cfg");
        File.WriteAllLines(path, ["[S3]", "VERIFY_INPUT = true"]);
        Assert.True(InputPolicy.From(DwhConfig.Load(path)).VerifyInput);

        File.WriteAllLines(path, ["[S3]", "SONG_DATA = song_data"]);
        Assert.False(InputPolicy.From(DwhConfig.Load(path)).VerifyInput);

        File.WriteAllLines(path, ["[S3]", "VERIFY_INPUT = always"]);
        var error = Assert.Throws<ConfigurationException>(() => DwhConfig.Load(path));
        Assert.Equal($"{path}: [S3] VERIFY_INPUT must be true or false, found 'always'.", error.Message);
    }

    [EndToEnd("starts the loader")]
    [Fact]
    public async Task The_verify_input_option_of_the_load_verb_restages_the_edited_file()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var config = database.WriteConfig(_input, _input);
        await LoadAsync(database, verifyInput: false);
        LocalFiles.RewriteInPlace(EditedFile, MakeOnePlayPaid);

        var without = await ProcessRun.LoaderAsync(["--config", config]);
        var with = await ProcessRun.LoaderAsync(["--config", config, "--verify-input"]);

        Assert.True(without.ExitCode == 0, without.Output);
        Assert.DoesNotContain("afresh", without.Output);
        Assert.True(with.ExitCode == 0, with.Output);
        Assert.Contains("(its content, as --verify-input found; its size and write time did not)", with.Output.ReplaceLineEndings(" "));
    }
}
