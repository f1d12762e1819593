using System.IO.Compression;
using System.Text.Json;
using Amazon.S3.Model;
using Sparkify.Data.Redshift;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Staging.Sources;
using S3Location = Sparkify.Loader.Staging.Sources.S3Location;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>
/// Song compaction for Redshift against the loopback S3 server: the objects, their sizes and content, and the COPY
/// statement. (The speed-up itself needs a cluster; docs/redshift.md cites AWS's guidance instead.)
/// </summary>
[Collection(SharedS3Server.Name)]
public sealed class SongCompactionTests(S3Server s3)
{
    private const int Parts = 4;

    [EndToEnd("uses the loopback S3 server")]
    [Fact]
    public async Task Fourteen_thousand_song_files_become_four_gzip_NDJSON_objects_of_even_size()
    {
        if (s3.Unavailable is { } reason)
            Assert.Skip(reason);
        using var client = s3.Client();
        var target = S3Location.Parse($"s3://{S3Server.Bucket}/compacted/songs");
        var source = new S3PrefixSource(client, S3Location.Parse($"s3://{S3Server.Bucket}/song_data"));

        var parts = await new SongCompactor(client).CompactAsync(source, (await source.ListAsync(TestContext.Current.CancellationToken)).Files, target, Parts,
            new BadRecords(0), TestContext.Current.CancellationToken);

        var listed = (await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3Server.Bucket, Prefix = "compacted/songs/" },
            TestContext.Current.CancellationToken)).S3Objects.ToDictionary(o => $"s3://{S3Server.Bucket}/{o.Key}", o => o.Size ?? 0);
        Assert.Equal(parts.ToDictionary(p => p.Uri, p => p.Size), listed);

        // Every song is there once, one compact JSON object per line, and the parts are of even size.
        var songIds = new List<string>();
        foreach (var part in parts)
        {
            using var response = await client.GetObjectAsync(S3Server.Bucket, S3Location.Parse(part.Uri).Prefix, TestContext.Current.CancellationToken);
            using var reader = new StreamReader(new GZipStream(response.ResponseStream, CompressionMode.Decompress));
            var lines = 0;
            while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            {
                using var song = JsonDocument.Parse(line);
                songIds.Add(song.RootElement.GetProperty("song_id").GetString()!);
                lines++;
            }
            Assert.Equal(part.Records, lines);
        }
        Assert.Equal(14_896, songIds.Count);
        Assert.Equal(14_896, songIds.Distinct().Count());
        Assert.InRange((double)parts.Max(p => p.Size) / parts.Min(p => p.Size), 1.0, 1.1);
    }

    [Fact]
    public void With_compaction_the_song_COPY_reads_the_run_s_manifest_of_gzip_files()
    {
        var settings = new RedshiftCopySettings("s3://udacity-dend/song_data", "s3://udacity-dend/log_data", "s3://udacity-dend/log_json_path.json",
            "arn:aws:iam::123456789012:role/sparkify-s3-read", "us-west-2", 0)
        {
            ManifestPrefix = "s3://my-sparkify-bucket/staging",
        };

        var copy = RedshiftCopyStatements.Copy(StagingTable.Songs, settings, 7, settings.RunFolder(7, StagingTable.Songs) + "/manifest.json", gzip: true);

        Assert.Equal("""
            copy staging_songs (num_songs, artist_id, artist_latitude, artist_longitude, artist_location, artist_name, song_id, title, duration, year)
            from 's3://my-sparkify-bucket/staging/run-7/staging_songs/manifest.json'
            iam_role 'arn:aws:iam::123456789012:role/sparkify-s3-read'
            format as json 'auto'
            manifest
            gzip
            region 'us-west-2'
            compupdate off
            maxerror 1
            """.ReplaceLineEndings("\n"), copy.ReplaceLineEndings("\n"));
        Assert.Empty(RedshiftUnsupportedSql.FindIn(copy));
        Assert.DoesNotContain("manifest", RedshiftCopyStatements.Copy(StagingTable.Events, settings, 7).Split('\n')[1]);
    }
}
