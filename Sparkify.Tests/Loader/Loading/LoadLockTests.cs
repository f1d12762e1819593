using Npgsql;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>Two loaders against one database never interleave: the second waits, and says so, or gives up clearly.</summary>
public sealed class LoadLockTests
{
    private static async Task<NpgsqlConnection> HoldLoadLockAsync(TestDatabase database)
    {
        var connection = await database.OpenAsync();
        await new NpgsqlCommand($"select pg_advisory_lock({PostgresLoadLock.Key})", connection).ExecuteNonQueryAsync();
        return connection;
    }

    private static WarehouseLoader Loader(TestDatabase database, RecordingObserver observer, TimeSpan wait) =>
        new(SampleEngine(), database.ConnectionString, observer) { LockWait = wait };

    private static PostgresEngine SampleEngine() =>
        new(InputSources.Local(Path.Combine(SampleWarehouse.Folder, "song_data"), Path.Combine(SampleWarehouse.Folder, "log_data")));

    [Fact]
    public async Task A_second_load_gives_up_with_a_clear_message_when_the_first_does_not_finish()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = await HoldLoadLockAsync(database);
        var observer = new RecordingObserver();

        var error = await Assert.ThrowsAsync<LoadLockedException>(() => Loader(database, observer, TimeSpan.FromSeconds(1)).LoadAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"Another load is running against database {database.Name} (backend pid {first.ProcessID}", error.Message);
        Assert.Contains("--lock-timeout", error.Message);
        Assert.Single(observer.Waits);
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from information_schema.tables where table_name = 'songplays'"));
    }

    [Fact]
    public async Task A_second_load_waits_for_the_first_and_then_runs()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = await HoldLoadLockAsync(database);
        var observer = new RecordingObserver();

        var second = Loader(database, observer, TimeSpan.FromMinutes(1)).LoadAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);
        // The first load ends. (Unlock explicitly: a pooled connection keeps its session, and the lock, when disposed.)
        await new NpgsqlCommand($"select pg_advisory_unlock({PostgresLoadLock.Key})", first).ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await first.DisposeAsync();

        var result = await second;
        Assert.Equal(648, result.RowsIn("songplays"));
        Assert.Contains("waiting", Assert.Single(observer.Waits));
    }

    [Fact]
    public async Task Two_loads_started_together_both_finish_and_leave_one_load_of_rows()
    {
        await using var database = await TestDatabase.CreateAsync();

        var results = await Task.WhenAll(
            Loader(database, new RecordingObserver(), TimeSpan.FromMinutes(1)).LoadAsync(TestContext.Current.CancellationToken),
            Loader(database, new RecordingObserver(), TimeSpan.FromMinutes(1)).LoadAsync(TestContext.Current.CancellationToken));

        Assert.All(results, r => Assert.Equal(648, r.RowsIn("songplays")));
        Assert.Equal(["succeeded", "succeeded"], (await database.RowsAsync("select outcome from load_runs order by run_id")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task In_the_Redshift_protocol_a_second_run_waits_at_the_ledger_LOCK_until_the_first_ends()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var firstConnection = await database.OpenAsync();
        await using var first = await RedshiftLoadRunScope.BeginAsync(firstConnection, "first", TimeSpan.FromMinutes(1), _ => { }, cancellationToken);
        await using var secondConnection = await database.OpenAsync();
        var waits = new List<string>();

        var starting = RedshiftLoadRunScope.BeginAsync(secondConnection, "second", TimeSpan.FromMinutes(1), waits.Add, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        Assert.False(starting.IsCompleted);
        Assert.Contains("waiting", Assert.Single(waits));
        await first.FailAsync(new InvalidOperationException("stopped by the test"), 0, 0);

        await using var second = await starting;
        Assert.NotEqual(first.RunId, second.RunId);
        // The first run's own row went with its transaction; its failure was recorded as a row of its own.
        Assert.Equal(("first", "failed", "stopped by the test"),
            Assert.Single(await database.RowsAsync("select source, outcome, message from load_runs")) is var row
                ? ((string)row[0]!, (string)row[1]!, (string)row[2]!) : default);
    }

    [Fact]
    public async Task In_the_Redshift_protocol_a_second_run_gives_up_at_the_lock_timeout()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var firstConnection = await database.OpenAsync();
        await using var first = await RedshiftLoadRunScope.BeginAsync(firstConnection, "first", TimeSpan.FromMinutes(1), _ => { }, cancellationToken);
        await using var secondConnection = await database.OpenAsync();

        var error = await Assert.ThrowsAsync<LoadLockedException>(() =>
            RedshiftLoadRunScope.BeginAsync(secondConnection, "second", TimeSpan.FromSeconds(1), _ => { }, cancellationToken));

        Assert.Contains("--lock-timeout", error.Message);
    }
}
