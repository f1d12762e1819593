using Amazon.S3;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Sources;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// An S3 object whose content changed under an unchanged ETag, size and LastModified (rewritten behind s3rver's back) is not
/// restaged by the listing's word; --verify-input reads every object, finds it, and restages the table. The ETag is the
/// multipart kind, which is no content hash: a one-part object's MD5 ETag the SDK checks itself, and a mismatch stops the run.
/// </summary>
[EndToEnd("uses the loopback S3 server")]
[Collection(SharedS3Server.Name)]
public sealed class S3VerifyInputTests(S3Server s3) : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-s3verify-").FullName;
    private readonly string _bucket = $"verify-{Guid.NewGuid():N}";
    private const string EditedKey = "log_data/2018/11/2018-11-30-events.json";

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private async Task<IAmazonS3> SeedAsync()
    {
        if (s3.Unavailable is { } reason)
            Assert.Skip(reason);
        FileTree.Copy(SampleWarehouse.Folder, _input);
        await s3.SeedAsync(_bucket, _input);
        return S3Clients.Create(new DwhConfig { Path = "s3-verify-input-tests", S3Endpoint = s3.Endpoint, Region = "us-west-2" }, S3Server.Credentials);
    }

    private Task<LoadResult> LoadAsync(IAmazonS3 client, TestDatabase database, bool verifyInput) =>
        new WarehouseLoader(new PostgresEngine(new InputSources(Prefix(client, "song_data"), Prefix(client, "log_data"))), database.ConnectionString,
            new SilentObserver()) { Policy = InputPolicy.Default with { VerifyInput = verifyInput } }.LoadAsync(TestContext.Current.CancellationToken);

    private S3PrefixSource Prefix(IAmazonS3 client, string prefix) => new(client, S3Location.Parse($"s3://{_bucket}/{prefix}"));

    [Fact]
    public async Task An_object_rewritten_under_the_same_ETag_size_and_time_is_staged_again_only_with_verify_input()
    {
        using var client = await SeedAsync();
        await using var database = await TestDatabase.CreateMigratedAsync();
        var etag = s3.GiveMultipartETag(_bucket, EditedKey);
        await LoadAsync(client, database, verifyInput: false);
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from loaded_files where content_hash is null or length(content_hash) <> 32"));
        Assert.Equal(etag, await database.ScalarAsync<string>($"select checksum from loaded_files where path = 's3://{_bucket}/{EditedKey}'"));
        var listed = (await Prefix(client, "log_data").ListAsync(TestContext.Current.CancellationToken)).Files;
        s3.RewriteInPlace(_bucket, EditedKey, VerifyInputTests.MakeOnePlayPaid);
        LocalFiles.RewriteInPlace(Path.Combine(_input, EditedKey), VerifyInputTests.MakeOnePlayPaid);
        Assert.Equal(listed, (await Prefix(client, "log_data").ListAsync(TestContext.Current.CancellationToken)).Files);

        var without = await LoadAsync(client, database, verifyInput: false);
        var with = await LoadAsync(client, database, verifyInput: true);

        Assert.Equal((0, null), (without.Staged!.Events.Files, without.Staged.Events.RestageReason));
        Assert.Equal($"s3://{_bucket}/{EditedKey} changed since it was staged (its content, as --verify-input found; its size and ETag did not)",
            with.Staged!.Events.ReplaceReason);
        Assert.Equal((1, null), (with.Staged.Events.Replaced, with.Staged.Events.RestageReason));
        Assert.Null(with.Staged.Songs.RestageReason);
        await using var clean = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(clean, _input);
        Assert.Equal(await DroppedReadTests.StagedRowsAsync(clean), await DroppedReadTests.StagedRowsAsync(database));
        Assert.Equal(await clean.StarRowsAsync(), await database.StarRowsAsync());
    }

    [Fact]
    public async Task A_one_part_object_whose_bytes_no_longer_match_its_MD5_ETag_stops_a_verifying_run_in_one_line_and_changes_nothing()
    {
        using var client = await SeedAsync();
        await using var database = await TestDatabase.CreateMigratedAsync();
        await LoadAsync(client, database, verifyInput: false);
        var before = await database.SnapshotAsync();
        s3.RewriteInPlace(_bucket, EditedKey, VerifyInputTests.MakeOnePlayPaid);

        var error = await Assert.ThrowsAsync<InputChangedException>(() => LoadAsync(client, database, verifyInput: true));

        Assert.Equal($"s3://{_bucket}/{EditedKey}", error.File);
        Assert.StartsWith($"error (input changed while it was read; nothing was changed): s3://{_bucket}/{EditedKey} changed while it was being read " +
            "(the bytes read do not match its ETag", Sparkify.Loader.Cli.ErrorReporter.Explain(error));
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task With_verify_input_objects_whose_content_matches_are_not_restaged()
    {
        using var client = await SeedAsync();
        await using var database = await TestDatabase.CreateMigratedAsync();
        await LoadAsync(client, database, verifyInput: true);
        var before = await database.SnapshotAsync();

        var result = await LoadAsync(client, database, verifyInput: true);

        Assert.Equal((0, null), (result.Staged!.Events.Files, result.Staged.Events.RestageReason));
        Assert.Equal((0, null), (result.Staged.Songs.Files, result.Staged.Songs.RestageReason));
        Assert.Equal(before, await database.SnapshotAsync());
    }
}
