namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// How many bad records a run may skip is one setting on both engines: <c>--max-errors</c>, or <c>[S3] MAXERROR</c> in
/// dwh.cfg when the option is not given. On PostgreSQL it bounds the parsers' skipped records; on Redshift each COPY gets one more
/// as its MAXERROR and the loader counts what the COPYs skipped, so that exactly N pass and N+1 fail however MAXERROR is read.
/// </summary>
[EndToEnd("starts the loader")]
public sealed class MaxErrorsSettingTests : IDisposable
{
    private const string BadLine = "{\"artist\": oops}";
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-max-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Dwh_cfg_s_MAXERROR_lets_a_PostgreSQL_run_skip_bad_records_and_the_option_overrides_it()
    {
        var input = Path.Combine(_folder, "input");
        FileTree.Copy(SampleWarehouse.Folder, input);
        File.WriteAllText(Path.Combine(input, "log_data", "2018-12-01-events.json"), BadLine + "\n");
        await using var database = await TestDatabase.CreateMigratedAsync();
        var config = database.WriteConfig(_folder, input);
        File.AppendAllLines(config, ["MAXERROR = 1"]);

        var fromConfig = await ProcessRun.LoaderAsync(["--config", config]);
        File.WriteAllText(Path.Combine(input, "log_data", "2018-12-02-events.json"), BadLine + "\n");
        var overridden = await ProcessRun.LoaderAsync(["--config", config, "--max-errors", "0"]);

        Assert.True(fromConfig.ExitCode == 0, fromConfig.Output);
        Assert.Equal(1, await database.ScalarAsync<int>("select count(*) from load_errors where file like '%2018-12-01-events.json'"));
        Assert.Equal(1, overridden.ExitCode);
        Assert.Contains("2018-12-02-events.json, line 1", overridden.Output);
    }

    [Theory]
    [InlineData(new string[0], "maxerror 4")]
    [InlineData(new[] { "--max-errors", "7" }, "maxerror 8")]
    public async Task On_Redshift_each_COPY_may_skip_one_more_record_than_the_run_so_the_run_decides_on_the_last(string[] option, string copyOption)
    {
        // Nothing listens at the endpoint: the dry run's preview of the input fails, the plan stands.
        var config = RedshiftConfigFile.Write(_folder, moreS3: [$"ENDPOINT = http://127.0.0.1:{Sparkify.Server.FreePort.Pick()}", "ANONYMOUS = true"]);

        var dryRun = await ProcessRun.LoaderAsync(["--dry-run", "--config", config, .. option]);

        Assert.True(dryRun.ExitCode == 0, dryRun.Output);
        var copies = dryRun.Output.Split('\n').Where(line => line.StartsWith("maxerror ", StringComparison.Ordinal)).Select(line => line.Trim().TrimEnd(';')).ToList();
        Assert.Equal([copyOption, copyOption], copies);
        Assert.Contains("--   staging_events: Connection refused", dryRun.Output);
        Assert.DoesNotContain("Unhandled exception", dryRun.Output);
    }

    [Fact]
    public async Task On_Redshift_more_than_99999_is_refused_as_COPY_s_MAXERROR_stops_at_100000()
    {
        var config = RedshiftConfigFile.Write(_folder);

        var dryRun = await ProcessRun.LoaderAsync(["--dry-run", "--config", config, "--max-errors", "100000"]);

        Assert.Equal(1, dryRun.ExitCode);
        Assert.Contains("on Redshift a run may skip at most 99,999 bad records", dryRun.Output);
    }

    [Fact]
    public async Task A_negative_max_errors_is_refused()
    {
        var run = await ProcessRun.LoaderAsync(["--dry-run", "--max-errors", "-1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-errors takes a whole number of at least 0, found '-1'.", run.Output);
    }
}
