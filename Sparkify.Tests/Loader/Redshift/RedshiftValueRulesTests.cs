using Npgsql;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>
/// On Redshift the COPY stages whatever the JSON says, so after it one query judges the rows the run staged by the same value
/// rules the PostgreSQL parser applies, and a row that breaks one stops the run, named. The statement is plain SQL in Redshift's
/// documented grammar; here it runs on PostgreSQL's staging tables, filled as a COPY would.
/// </summary>
public sealed class RedshiftValueRulesTests : IAsyncLifetime
{
    private const string Location = "s3://udacity-dend/log_data";
    private const long ThisRun = 5;
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

    private static StagingRun Run() =>
        new(ThisRun, new BadRecords(0), null) { Policy = InputPolicy.Default, StartedAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) };

    private Task CheckAsync(StagingTable table)
    {
        var run = Run();
        run.Facts.Chose(table.Name, files: 1, afresh: false);
        run.Facts.Copied(table.Name, 1);
        return RedshiftValueRules.CheckAsync(_connection, table, run, Location, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("1.0", "\"userId\" is neither empty nor a whole number from 0 to 2147483647 in plain digits")]
    [InlineData(" 8", "\"userId\" is neither empty nor a whole number")]
    [InlineData("08", "\"userId\" is neither empty nor a whole number")]
    [InlineData("99999999999", "\"userId\" is neither empty nor a whole number")]
    [InlineData("2147483648", "\"userId\" is neither empty nor a whole number")]
    public async Task A_user_id_the_transforms_could_not_cast_stops_the_run_named(string userId, string said)
    {
        await StageEventAsync(ThisRun, userId, "NextSong", "free", "One");

        var error = await Assert.ThrowsAsync<InputException>(() => CheckAsync(StagingTable.Events));

        Assert.Equal(Location, error.File);
        Assert.StartsWith("1 staged row(s) of staging_events break its value rules, such as: " + said, error.Problem);
        Assert.Contains($"user_id '{userId}'", error.Problem);
    }

    [Fact]
    public async Task A_level_outside_the_accepted_values_and_a_play_without_a_song_stop_the_run()
    {
        await StageEventAsync(ThisRun, "8", "NextSong", "Paid", "One");
        await StageEventAsync(ThisRun, "9", "NextSong", "free", "");

        var error = await Assert.ThrowsAsync<InputException>(() => CheckAsync(StagingTable.Events));

        Assert.StartsWith("2 staged row(s)", error.Problem);
        Assert.Contains("\"level\" is not one of free, paid", error.Problem);
        Assert.Contains("\"song\" has no value on a record whose page is NextSong", error.Problem);
    }

    [Fact]
    public async Task Valid_events_and_other_runs_rows_pass()
    {
        await StageEventAsync(ThisRun, "", "Home", null, null);
        await StageEventAsync(ThisRun, "0", "NextSong", "free", "One");
        await StageEventAsync(ThisRun, "2147483647", "NextSong", "paid", "One");
        await StageEventAsync(ThisRun - 1, "1.0", "NextSong", "Paid", "");

        await CheckAsync(StagingTable.Events);
    }

    [Theory]
    [InlineData("", "ARA")]
    [InlineData(null, "ARA")]
    [InlineData("SOA", " ARA")]
    [InlineData("SOA", "ARA\t")]
    public async Task A_song_or_artist_id_that_is_empty_or_padded_stops_the_run(string? songId, string artistId)
    {
        await using (var insert = new NpgsqlCommand(
            "insert into staging_songs (song_id, artist_id, artist_name, title, duration, run_id) values (@song, @artist, 'Band', 'One', 1.5, @run_id)", _connection)
        {
            Parameters = { new("song", (object?)songId ?? DBNull.Value), new("artist", artistId), new("run_id", ThisRun) },
        })
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InputException>(() => CheckAsync(StagingTable.Songs));

        Assert.Contains("is not an identifier (null, empty or with space around it)", error.Problem);
    }

    private async Task StageEventAsync(long runId, string userId, string page, string? level, string? song)
    {
        await using var insert = new NpgsqlCommand("""
            insert into staging_events (artist, item_in_session, length, level, page, session_id, song, ts, user_id, run_id)
            values ('Band', 1, 1.5, @level, @page, 139, @song, 1541106106796, @user_id, @run_id)
            """, _connection)
        {
            Parameters =
            {
                new("level", (object?)level ?? DBNull.Value), new("page", page), new("song", (object?)song ?? DBNull.Value),
                new("user_id", userId), new("run_id", runId),
            },
        };
        await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
