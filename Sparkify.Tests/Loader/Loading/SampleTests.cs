using System.Text.Json;
using Sparkify.Loader.Generation;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>The generator and the committed sample that the README's first command loads.</summary>
public sealed class SampleTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("sparkify-sample-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string CommittedSample => Path.Combine(DataPaths.RepositoryRoot, "sample");

    private static GenerationReport ReadReport(string folder) =>
        JsonSerializer.Deserialize<GenerationReport>(File.ReadAllText(Path.Combine(folder, GenerationReport.FileName)), GenerationReport.JsonOptions)!;

    private static Dictionary<string, byte[]> ReadTree(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    [Fact]
    public void Committed_sample_is_exactly_what_the_generator_writes()
    {
        var report = ReadReport(CommittedSample);
        SampleGenerator.Generate(new GeneratorOptions(_scratch, report.Songs, report.Events, report.Seed));

        var committed = ReadTree(CommittedSample);
        var regenerated = ReadTree(_scratch);
        Assert.Equal(committed.Keys.Order(), regenerated.Keys.Order());
        Assert.All(committed, file => Assert.True(file.Value.AsSpan().SequenceEqual(regenerated[file.Key]), $"{file.Key} differs"));
    }

    [Fact]
    public void Another_seed_writes_other_data()
    {
        var a = SampleGenerator.Generate(new GeneratorOptions(Path.Combine(_scratch, "a"), 50, 600, Seed: 1));
        var b = SampleGenerator.Generate(new GeneratorOptions(Path.Combine(_scratch, "b"), 50, 600, Seed: 2));

        Assert.NotEqual(ReadTree(Path.Combine(_scratch, "a", "log_data")).Values.First(), ReadTree(Path.Combine(_scratch, "b", "log_data")).Values.First());
        Assert.Equal((600L, 50), (a.Events, a.Songs));
        Assert.Equal((600L, 50), (b.Events, b.Songs));
    }

    [Fact]
    public void Committed_sample_has_the_shapes_of_the_real_data()
    {
        var report = ReadReport(CommittedSample);
        var events = LocalFolderWalk.List(Path.Combine(CommittedSample, "log_data"), "LOG_DATA").Files.Select(f => f.Name)
            .SelectMany(File.ReadLines).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Equal(18, events[0].EnumerateObject().Count());
        Assert.Contains(events, e => e.GetProperty("userId").GetString() == "" && e.GetProperty("auth").GetString() == "Logged Out");
        Assert.Contains(events, e => e.GetProperty("level").GetString() == "paid");
        Assert.Contains(events, e => e.GetProperty("page").GetString() == "Submit Upgrade");
        Assert.Contains(events, e => e.GetProperty("artist").GetString() is { } artist && !artist.All(char.IsAscii));
        Assert.True(events.Select(e => e.GetProperty("sessionId").GetInt32()).Distinct().Count() > 10);
        Assert.InRange(report.MatchedPlays, 1, report.NextSongEvents - 1);
        Assert.True(report.UsersWhoChangedLevel > 0);
        Assert.Matches(@"song_data/[A-Z0-9]/[A-Z0-9]/[A-Z0-9]/TR[A-Z0-9]{16}\.json$",
            Directory.EnumerateFiles(Path.Combine(CommittedSample, "song_data"), "*.json", SearchOption.AllDirectories).First().Replace('\\', '/'));
    }

    [Fact]
    public async Task Loading_the_sample_gives_the_generators_report()
    {
        var report = ReadReport(CommittedSample);
        await using var database = await TestDatabase.CreateAsync();

        var result = await Warehouse.LoadAsync(database, CommittedSample);

        Assert.Equal(report.ExpectedRows().OrderBy(r => r.Key), result.TableCounts.ToDictionary(c => c.Table, c => c.Rows).OrderBy(r => r.Key));
        Assert.Equal(report.PaidUsers, await database.ScalarAsync<long>("select count(*) from users where level = 'paid'"));
    }

    [Fact]
    public async Task Load_is_idempotent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(database, CommittedSample);
        var first = await database.SnapshotAsync();

        await Warehouse.LoadAsync(database, CommittedSample);

        Assert.Equal(first, await database.SnapshotAsync());
    }
}
