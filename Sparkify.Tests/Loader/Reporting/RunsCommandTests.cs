using Sparkify.Data.Redshift;
using Sparkify.Loader.Reporting;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Reporting;

/// <summary>
/// A warehouse with three runs of the sample: the first loads it, the second finds nothing new, the third meets a
/// malformed line in a log file and fails.
/// </summary>
public sealed class ThreeRecordedRuns : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-runs-verb-").FullName;

    public TestDatabase Database { get; private set; } = null!;
    public string Config { get; private set; } = "";
    public string BadLog { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        FileTree.Copy(SampleWarehouse.Folder, _folder);
        Database = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(Database, _folder);
        await Warehouse.LoadAsync(Database, _folder);
        BadLog = Directory.EnumerateFiles(Path.Combine(_folder, "log_data"), "*.json", SearchOption.AllDirectories).Order().First();
        File.AppendAllText(BadLog, "\n{oops");
        await Assert.ThrowsAsync<InputException>(() => Warehouse.LoadAsync(Database, _folder));
        Config = Database.WriteConfig(_folder, _folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The <c>runs</c> verb lists the latest load runs: what each added to every table, and why any failed.</summary>
[EndToEnd("starts the loader")]
public sealed class RunsCommandTests(ThreeRecordedRuns recorded) : IClassFixture<ThreeRecordedRuns>
{
    [Fact]
    public async Task Runs_lists_every_run_latest_first_with_its_outcome_and_the_rows_it_added()
    {
        // Given three recorded runs (the fixture)

        // When
        var runs = await ProcessRun.LoaderAsync(["runs", "--config", recorded.Config]);

        // Then
        Assert.True(runs.ExitCode == 0, runs.Output);
        var rows = TableRows(runs.Output);
        Assert.Equal([("3", "failed"), ("2", "succeeded"), ("1", "succeeded")], rows.Select(row => (row["run"], row["outcome"])));
        Assert.Equal(["-", "0", "648"], rows.Select(row => row["songplays"]));
        Assert.Equal(["-", "0", "3,000"], rows.Select(row => row["staging_events"]));
        Assert.Equal(["0", "330"], rows.Skip(1).Select(row => row["files"]));
    }

    [Fact]
    public async Task A_failed_run_is_listed_with_the_file_and_line_at_fault()
    {
        // Given three recorded runs, the last failed (the fixture)

        // When
        var runs = await ProcessRun.LoaderAsync(["runs", "--config", recorded.Config]);

        // Then
        var failure = runs.Output.Split('\n').Single(line => line.StartsWith("run 3 failed: ", StringComparison.Ordinal));
        Assert.Contains($"{recorded.BadLog}, line ", failure);
    }

    [Fact]
    public async Task Last_limits_the_list_to_the_latest_runs()
    {
        // Given three recorded runs (the fixture)

        // When
        var runs = await ProcessRun.LoaderAsync(["runs", "--config", recorded.Config, "--last", "2"]);

        // Then
        Assert.True(runs.ExitCode == 0, runs.Output);
        Assert.Equal(["3", "2"], TableRows(runs.Output).Select(row => row["run"]));
    }

    [Fact]
    public async Task Last_below_one_is_refused()
    {
        // Given / When
        var runs = await ProcessRun.LoaderAsync(["runs", "--config", recorded.Config, "--last", "0"]);

        // Then
        Assert.Equal(2, runs.ExitCode);
        Assert.Contains("--last takes a whole number of at least 1, found '0'.", runs.Output);
    }

    [Fact]
    public async Task Runs_against_an_empty_database_says_no_run_has_been_recorded()
    {
        // Given a database no load has touched
        await using var empty = await TestDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("sparkify-runs-empty-").FullName;
        try
        {
            // When
            var runs = await ProcessRun.LoaderAsync(["runs", "--config", empty.WriteConfig(folder, folder)]);

            // Then
            Assert.True(runs.ExitCode == 0, runs.Output);
            Assert.Equal(RunsReport.NoRuns, runs.Output.Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_runs_query_states_its_grain_and_has_no_construct_Redshift_lacks()
    {
        var query = SqlScripts.Reports.Single(script => script.Name == "recent_runs.sql");

        Assert.StartsWith("-- load_runs: one row per run", query.Sql);
        Assert.Empty(RedshiftUnsupportedSql.FindIn(query.Sql).Select(construct => construct.Name));
    }

    /// <summary>The rows of the table in <paramref name="output"/>, each cell under its column's heading.</summary>
    private static List<Dictionary<string, string>> TableRows(string output)
    {
        var lines = output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('│')).ToList();
        string[] Cells(string line) => [.. line.Trim('│').Split('│').Select(cell => cell.Trim())];
        var headings = Cells(lines[0]);
        return [.. lines.Skip(1).Select(line => headings.Zip(Cells(line)).ToDictionary(pair => pair.First, pair => pair.Second))];
    }
}
