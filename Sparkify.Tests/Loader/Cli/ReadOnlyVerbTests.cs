using Npgsql;
using Sparkify.Server;

namespace Sparkify.Tests.Loader.Cli;

/// <summary>A clone whose embedded server holds the sample, loaded once by the loader as people run it.</summary>
public sealed class LoadedEmbeddedClone : IAsyncLifetime
{
    public EmbeddedClone Clone { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Clone = EmbeddedClone.Create();
        var load = await ProcessRun.LoaderAsync(["--config", Clone.Config]);
        Assert.True(load.ExitCode == 0, load.Output);
    }

    public ValueTask DisposeAsync() => Clone.DisposeAsync();

    /// <summary>The databases the clone's embedded server holds (it must be running).</summary>
    public async Task<List<string>> DatabasesAsync()
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Clone.RunningPort};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var names = new NpgsqlCommand("select datname from pg_database", connection);
        await using var reader = await names.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var databases = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            databases.Add(reader.GetString(0));
        return databases;
    }
}

/// <summary>
/// The verbs that only read (<c>runs</c>, <c>report</c>) create nothing: no database, no embedded server's data; when they had
/// to start the embedded server they say so in one line, with how to stop it, and leave it running as a load does.
/// </summary>
[EndToEnd("starts the loader and the embedded server")]
public sealed class ReadOnlyVerbTests(LoadedEmbeddedClone loaded) : IClassFixture<LoadedEmbeddedClone>, IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("sparkify-read-only-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private EmbeddedClone Clone => loaded.Clone;

    private string StopLine => $"Stop it: dotnet run --project Sparkify.Loader -- server stop --config {Clone.Config}";

    private static string[] Lines(ProcessRun run) => run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string[] Verb(string verb) => verb == "report" ? ["report", "--output", Path.Combine(_output, "report")] : [verb];

    [Theory]
    [InlineData("runs")]
    [InlineData("report")]
    public async Task With_the_embedded_server_stopped_the_verb_starts_it_says_so_with_how_to_stop_it_and_leaves_it_running(string verb)
    {
        // Given the clone's server stopped
        await EmbeddedPostgres.StopAsync(Clone.DataRoot, TestContext.Current.CancellationToken);
        Assert.Null(Clone.RunningPort);

        // When the verb runs twice
        var first = await ProcessRun.LoaderAsync([.. Verb(verb), "--config", Clone.Config]);
        var second = await ProcessRun.LoaderAsync([.. Verb(verb), "--config", Clone.Config]);

        // Then the first says in one line that it started the server, and how to stop it; the second, finding it running, says nothing of it
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        var port = Clone.RunningPort;
        Assert.NotNull(port);
        var started = Assert.Single(Lines(first), line => line.StartsWith("started the ", StringComparison.Ordinal));
        Assert.Equal($"started the embedded PostgreSQL on 127.0.0.1:{port} (data in {Path.Combine(Clone.DataRoot, "pgdata")}); " +
                     $"it stays running for the next command. {StopLine}", started);
        Assert.DoesNotContain(Lines(second), line => line.StartsWith("started the ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("report")]
    public async Task Naming_a_database_that_does_not_exist_is_one_line_that_says_to_load_first_and_creates_nothing(string verb)
    {
        // Given a cfg for the clone's server naming a database it does not hold
        var database = $"nosuch_{verb}";
        var config = Clone.WriteConfig($"{database}.cfg", database);

        // When
        var run = await ProcessRun.LoaderAsync([.. Verb(verb), "--config", config]);

        // Then one line (after the server's start, if it had to start it) names the database and the load to run; nothing was created
        Assert.True(run.ExitCode == 1, run.Output);
        var error = Assert.Single(Lines(run), line => !line.StartsWith("started the ", StringComparison.Ordinal));
        Assert.Equal($"error (database): database {database} does not exist on embedded PostgreSQL on 127.0.0.1:{Clone.RunningPort} " +
                     $"(data in {Path.Combine(Clone.DataRoot, "pgdata")}); load it first: dotnet run --project Sparkify.Loader -- --config {config}", error);
        Assert.DoesNotContain(database, await loaded.DatabasesAsync());
        Assert.False(Directory.Exists(Path.Combine(_output, "report")), "the report's folder was created");
    }

    [Fact]
    public async Task Runs_on_a_clone_without_embedded_data_is_one_line_that_says_to_load_first_and_creates_no_server()
    {
        // Given a fresh clone
        await using var fresh = EmbeddedClone.Create();

        // When
        var runs = await ProcessRun.LoaderAsync(["runs", "--config", fresh.Config]);

        // Then
        Assert.True(runs.ExitCode == 1, runs.Output);
        Assert.Equal($"error (database): database sparkify does not exist on the embedded PostgreSQL, which has no data yet (in {fresh.DataRoot}); " +
                     $"load it first: dotnet run --project Sparkify.Loader -- --config {fresh.Config}", Assert.Single(Lines(runs)));
        Assert.False(Directory.Exists(fresh.DataRoot), "runs created the embedded server's data folder");
    }

    [Fact]
    public async Task Runs_against_a_configured_server_without_the_database_says_to_load_first_and_creates_nothing()
    {
        // Given a cfg naming a database the test server does not hold
        await using var missing = TestDatabase.NotYetCreated();
        var config = missing.WriteConfig(_output, SampleWarehouse.Folder);

        // When
        var runs = await ProcessRun.LoaderAsync(["runs", "--config", config]);

        // Then
        Assert.True(runs.ExitCode == 1, runs.Output);
        var line = Assert.Single(Lines(runs));
        Assert.StartsWith($"error (database): database {missing.Name} does not exist on PostgreSQL at ", line);
        Assert.EndsWith($"; load it first: dotnet run --project Sparkify.Loader -- --config {config}", line);
        await using var connection = new NpgsqlConnection(PostgresServer.Current.AdminConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand($"select count(*) from pg_database where datname = '{missing.Name}'", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
