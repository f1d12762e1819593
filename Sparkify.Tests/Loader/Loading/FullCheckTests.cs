using Sparkify.Loader.Checks;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>
/// A run checks the rows it wrote; <c>--full-check</c> and <c>--full-reload</c> check every row, whoever wrote it. Each test
/// breaks a row of an earlier run behind the loader's back, in a database of its own, and loads again.
/// </summary>
public sealed class FullCheckTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-fullcheck-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    /// <summary>One check of each kind: generated from a foreign key, generated from accepted values, and written by hand (it reads all of staging).</summary>
    [Theory]
    [InlineData("fk_songplays_time_start_time", $"delete from time where start_time = (select start_time from songplays where songplay_id = {BrokenRows.FirstPlay})")]
    [InlineData("ck_songplays", $"update songplays set level = 'trial' where songplay_id = {BrokenRows.FirstPlay}")]
    [InlineData("01_songplays_nextsong_only.sql", BrokenRows.FirstPlayNotNextSong)]
    public async Task A_run_passes_over_an_earlier_run_s_broken_row_and_a_full_check_fails_naming_its_check(string checkName, string breakIt)
    {
        // Given the first half of the month loaded, and a row of that run broken
        SampleDays.Copy(_input, day => day <= 15);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        await database.ExecuteAsync(breakIt);

        // When the second half arrives, then when a run checks everything
        SampleDays.Copy(_input, day => day > 15, rest: false);
        var next = await Warehouse.LoadAsync(database, _input);
        var error = await Assert.ThrowsAsync<DataCheckException>(() => Warehouse.LoadAsync(database, _input, fullCheck: true));

        // Then the run that wrote other rows passed (its checks had rows to read), and the full check named the broken rule
        Assert.True(next.TransformSteps.Single(s => s.Script.Name == "21_songplays.sql").RowsAffected > 0);
        Assert.Equal(checkName, error.Check.Name);
        Assert.StartsWith($"data check {checkName} failed", error.Message);
    }

    [Fact]
    public async Task A_full_reload_checks_rows_it_did_not_write()
    {
        // Given a loaded month with a time row broken, which a trigger keeps through the reload's emptying of the table,
        // as it would a row some other writer added: the reload rebuilds everything else, but not that row
        SampleDays.Copy(_input, _ => true);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        await database.ExecuteAsync("update time set weekday = 7 where start_time = (select min(start_time) from time)");
        await database.ExecuteAsync("""
            create function keep_weekday_7() returns trigger language plpgsql
            as $$ begin if old.weekday = 7 then return null; end if; return old; end $$
            """);
        await database.ExecuteAsync("create trigger keep_weekday_7 before delete on time for each row execute function keep_weekday_7()");
        await Warehouse.LoadAsync(database, _input); // nothing new: the row is not this run's, and goes unchecked

        // When
        var error = await Assert.ThrowsAsync<DataCheckException>(() => Warehouse.LoadAsync(database, _input, fullReload: true));

        // Then
        Assert.Equal("ck_time", error.Check.Name);
    }
}
