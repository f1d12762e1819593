using Npgsql;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>
/// On Redshift the COPY stages whatever ts says, so the run looks at the events it staged and stops on one outside the
/// plausible event times. The statement is plain SQL; here it runs on PostgreSQL's staging_events, filled as a COPY would.
/// </summary>
public sealed class RedshiftEventTimesTests : IAsyncLifetime
{
    private const string Location = "s3://udacity-dend/log_data";
    private const long ThisRun = 5;
    private const long Year3000 = 32_503_680_000_000;
    private const long November2018 = 1_541_106_106_796;
    private TestDatabase _database = null!;
    private NpgsqlConnection _connection = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        _connection = await _database.OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static StagingRun Run(InputPolicy? policy = null) =>
        new(ThisRun, new BadRecords(0), null) { Policy = policy ?? InputPolicy.Default, StartedAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) };

    [Fact]
    public async Task Events_this_run_staged_outside_the_window_stop_it_naming_how_many_and_which()
    {
        await StageAsync((ThisRun, November2018), (ThisRun, Year3000), (ThisRun, -1), (ThisRun - 1, Year3000 + 1));

        var error = await Assert.ThrowsAsync<InputException>(() => RedshiftEventTimes.CheckAsync(_connection, Run(), Location, TestContext.Current.CancellationToken));

        Assert.Equal(Location, error.File);
        Assert.StartsWith("2 staged event(s) have a \"ts\" outside the plausible event times (2000-01-01 00:00 to 2026-12-02 00:00 UTC;", error.Problem);
        Assert.Contains("ts -1 (1969-12-31 23:59:59 UTC) of user '8', session 139, item 1; ts 32503680000000 (3000-01-01 00:00:00 UTC)", error.Problem);
    }

    [Fact]
    public async Task Events_inside_the_window_and_other_runs_events_pass()
    {
        await StageAsync((ThisRun, November2018), (ThisRun - 1, Year3000));

        await RedshiftEventTimes.CheckAsync(_connection, Run(), Location, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_window_is_the_run_s_configured_one()
    {
        await StageAsync((ThisRun, November2018));
        var narrowed = InputPolicy.Default with { EarliestEvent = new DateTime(2018, 11, 2, 0, 0, 0, DateTimeKind.Utc) };

        var error = await Assert.ThrowsAsync<InputException>(() => RedshiftEventTimes.CheckAsync(_connection, Run(narrowed), Location, TestContext.Current.CancellationToken));

        Assert.StartsWith("1 staged event(s)", error.Problem);
    }

    private async Task StageAsync(params (long RunId, long Ts)[] events)
    {
        foreach (var (runId, ts) in events)
        {
            await using var insert = new NpgsqlCommand(
                "insert into staging_events (ts, user_id, session_id, item_in_session, page, run_id) values (@ts, '8', 139, 1, 'NextSong', @run_id)", _connection)
            {
                Parameters = { new("ts", ts), new("run_id", runId) },
            };
            await insert.ExecuteNonQueryAsync();
        }
    }
}
