using Amazon.S3;
using Amazon.S3.Model;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Sources;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// An S3 object whose read drops at any point is read on from there by a ranged GET of the same version, against a real
/// S3-compatible server: the run stages what a clean local load stages. An object replaced under the read fails the run.
/// </summary>
[EndToEnd("uses the loopback S3 server")]
[Collection(SharedS3Server.Name)]
public sealed class S3DroppedReadTests(S3Server s3, DroppedReadTests.Input input) : IClassFixture<DroppedReadTests.Input>
{
    /// <summary>A bucket of this test's own holding the input, and the loader's own client for it.</summary>
    private async Task<(string Bucket, IAmazonS3 Client)> SeedAsync()
    {
        if (s3.Unavailable is { } reason)
            Assert.Skip(reason);
        var bucket = $"drops-{Guid.NewGuid():N}";
        await s3.SeedAsync(bucket, input.Folder);
        var config = new DwhConfig { Path = "s3-dropped-read-tests", S3Endpoint = s3.Endpoint, Region = "us-west-2" };
        return (bucket, S3Clients.Create(config, S3Server.Credentials));
    }

    private string Key(string file) => Path.GetRelativePath(input.Folder, file).Replace('\\', '/');

    private static S3PrefixSource Prefix(IAmazonS3 client, string bucket, string prefix) => new(client, S3Location.Parse($"s3://{bucket}/{prefix}"));

    [Theory]
    [MemberData(nameof(DroppedReadTests.DropPoints), MemberType = typeof(DroppedReadTests))]
    public async Task An_object_whose_read_drops_is_read_on_by_a_ranged_GET_and_stages_what_a_clean_load_stages(string point)
    {
        var (bucket, client) = await SeedAsync();
        using var _ = client;
        var bytes = File.ReadAllBytes(input.DroppedFile);
        var at = DroppedReadTests.OffsetOf(point, bytes);
        var logs = new DroppingSource(Prefix(client, bucket, "log_data"), $"s3://{bucket}/{Key(input.DroppedFile)}", at);
        await using var database = await TestDatabase.CreateMigratedAsync();

        var result = await DroppedReadTests.LoadAsync(database, input.Folder, new InputSources(Prefix(client, bucket, "song_data"), logs));

        Assert.Equal(at < bytes.Length ? [at] : Array.Empty<long>(), logs.Resumed);
        Assert.Equal(input.CleanRows, await DroppedReadTests.StagedRowsAsync(database));
        Assert.Equal(1, result.BadRecords);
        Assert.Equal(input.CleanErrors.Select(e => e.Replace(input.Folder + "/", $"s3://{bucket}/", StringComparison.Ordinal)),
            await DroppedReadTests.ErrorsAsync(database));
    }

    [Fact]
    public async Task An_object_replaced_while_its_read_was_down_fails_the_run_naming_it_and_changes_nothing()
    {
        var (bucket, client) = await SeedAsync();
        using var _ = client;
        var key = Key(input.DroppedFile);
        using var writer = s3.Client();
        // The same size, other content: only the ETag tells (s3rver ignores If-Match, so the response's ETag is what catches it).
        var replaced = File.ReadAllText(input.DroppedFile).Replace("Logged In", "Logged Xn", StringComparison.Ordinal);
        var logs = new DroppingSource(Prefix(client, bucket, "log_data"), $"s3://{bucket}/{key}", at: 5_000, onDrop: () =>
            writer.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = replaced, UseChunkEncoding = false })
                .GetAwaiter().GetResult());
        await using var database = await TestDatabase.CreateMigratedAsync();

        var error = await Assert.ThrowsAsync<InputChangedException>(() =>
            DroppedReadTests.LoadAsync(database, input.Folder, new InputSources(Prefix(client, bucket, "song_data"), logs)));

        Assert.Equal($"s3://{bucket}/{key}", error.File);
        Assert.Contains("ETag", error.Message);
        Assert.Equal([5_000L], logs.Resumed);
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from staging_events"));
    }
}
