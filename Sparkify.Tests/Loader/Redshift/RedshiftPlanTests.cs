using Sparkify.Data.Redshift;
using Sparkify.Loader.Cli;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging.Redshift;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>The full Redshift load plan (DDL, COPY, transforms), checked as SQL text: no cluster is reachable here.</summary>
public sealed partial class RedshiftPlanTests : IDisposable
{
    private const string Password = "Sup3r-Secret-Pa55";
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-redshift-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DwhConfig Config(string? arn = RedshiftConfigFile.RoleArn, string logData = "s3://udacity-dend/log_data",
        string region = "us-west-2", string manifestPrefix = "", string logJsonPath = "s3://udacity-dend/log_json_path.json") =>
        DwhConfig.Load(RedshiftConfigFile.Write(_folder, arn, logData, region, manifestPrefix, Password, logJsonPath));

    private IReadOnlyList<PlanStep> Plan() => LoadPlan.For(WarehouseEngines.For(Config()), "dev");

    [Fact]
    public void Redshift_plan_has_no_construct_AWS_documents_as_unsupported()
    {
        var offences = Plan().SelectMany(step => RedshiftUnsupportedSql.FindIn(step.Statement.Sql)
            .Select(c => $"{step.Statement.Name}: {c.Name} ({c.Documentation})"));

        Assert.Empty(offences);
    }

    [Fact]
    public void Redshift_plan_runs_schema_then_the_locked_run_then_staging_then_transforms_and_checks_without_TRUNCATE()
    {
        var plan = Plan();

        // No maintenance or lock session on Redshift: the run's own transaction begins with its LOCK.
        Assert.Equal([LoadSession.Migrations, LoadSession.Run], plan.Select(s => s.Session).Distinct());
        Assert.Equal(["schema", "open the run", "stage staging_events", "stage staging_songs", "bad records", "transform", "finish", "on failure"],
            plan.Select(s => s.Part).Distinct());
        var run = plan.Where(s => s.Session == LoadSession.Run).Select(s => s.Statement).ToList();
        Assert.Equal(RedshiftLoadRunScope.Plan.Opening, run.Take(RedshiftLoadRunScope.Plan.Opening.Count));
        Assert.Equal([LoadRunLog.Finish, RunTransaction.Commit], run.Where(s => s.When.IsAlways).TakeLast(2));
        Assert.Equal("delete from staging_events", Statement(plan, "empty staging_events"));
        // TRUNCATE commits the open transaction on Redshift; staging must stay inside the load's transaction.
        Assert.DoesNotContain(plan, s => s.Statement.Sql.Contains("truncate", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_Redshift_run_opens_its_transaction_with_a_LOCK_before_it_reads_or_writes_anything()
    {
        var opening = RedshiftLoadRunScope.Plan.Opening
            .Select(s => string.Join(" ", s.Sql.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("--")))).ToList();

        Assert.Equal("begin", opening[0]);
        Assert.Equal("lock loaded_files", opening[1]);
        Assert.StartsWith("update load_runs set outcome = 'abandoned'", opening[2]);
        Assert.StartsWith("insert into load_runs", opening[3]);
        // The run's id is its own row's, found by what the lock guarantees, never the largest id.
        Assert.Equal("select run_id from load_runs where outcome = 'running'", opening[4]);
    }

    private static string Statement(IReadOnlyList<PlanStep> plan, string name) => plan.Single(s => s.Statement.Name == name).Statement.Sql;

    [Fact]
    public void Event_COPY_names_its_columns_and_reads_S3_with_the_role_the_JSONPaths_file_and_the_region()
    {
        var copy = Statement(Plan(), "copy staging_events from every object under s3://udacity-dend/log_data");

        Assert.Equal("""
            copy staging_events (artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id)
            from 's3://udacity-dend/log_data'
            iam_role 'arn:aws:iam::123456789012:role/sparkify-s3-read'
            format as json 's3://udacity-dend/log_json_path.json'
            region 'us-west-2'
            compupdate off
            maxerror 4
            """.ReplaceLineEndings("\n"), copy.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void With_a_manifest_prefix_each_COPY_reads_its_run_s_manifest_and_the_table_is_emptied_only_when_restaged()
    {
        var config = Config(manifestPrefix: "s3://my-sparkify-bucket/sparkify");
        var plan = LoadPlan.For(WarehouseEngines.For(config), "dev");

        var copy = plan.Single(s => s.Statement.Name.StartsWith("copy the objects of s3://udacity-dend/log_data", StringComparison.Ordinal)).Statement.Sql;
        Assert.Contains("from 's3://my-sparkify-bucket/sparkify/run-{id}/staging_events/manifest.json'", copy);
        Assert.Contains("\nmanifest\n", copy.ReplaceLineEndings("\n"));
        Assert.Contains(plan, s => s.Statement is { Name: "empty staging_events", When.Description: "only when staging_events is staged afresh" });
        Assert.Contains(plan, s => s.Statement.Name.StartsWith("rewrite the new song files", StringComparison.Ordinal));
        Assert.Empty(plan.SelectMany(s => RedshiftUnsupportedSql.FindIn(s.Statement.Sql)));
    }

    [Fact]
    public void Song_COPY_maps_keys_to_columns_automatically_and_the_new_rows_get_the_run_id_after_it()
    {
        var plan = Plan();

        Assert.Contains("format as json 'auto'", Statement(plan, "copy staging_songs from every object under s3://udacity-dend/song_data"));
        Assert.Equal("update staging_songs set run_id = @run_id where run_id is null", Statement(plan, "give staging_songs's new rows this run's id"));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/x' credentials 'aws_access_key_id=AKIA", null, null, "[IAM_ROLE] ARN")]
    [InlineData("arn:aws:iam::12345:role/short-account", null, null, "[IAM_ROLE] ARN")]
    [InlineData(null, null, null, "[IAM_ROLE] ARN is empty")]
    [InlineData("arn:aws:iam::123456789012:role/ok", "s3://bucket/logs' iam_role 'other", null, "[S3] LOG_DATA")]
    [InlineData("arn:aws:iam::123456789012:role/ok", "/local/folder", null, "[S3] LOG_DATA")]
    [InlineData("arn:aws:iam::123456789012:role/ok", null, "us-west-2'; drop table users; --", "[S3] REGION")]
    public void Values_that_could_change_the_COPY_statement_are_refused(string? arn, string? logData, string? region, string setting)
    {
        var config = Config(arn, logData ?? "s3://udacity-dend/log_data", region ?? "us-west-2");

        var error = Assert.Throws<ConfigurationException>(() => WarehouseEngines.For(config));

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void Dry_run_prints_every_statement_and_masks_the_password()
    {
        var config = Config();
        var output = new StringWriter();

        var engine = WarehouseEngines.For(config);
        PlanPrinter.Write(output, config, engine, LoadPlan.For(engine, config.Database));

        var text = output.ToString();
        Assert.DoesNotContain(Password, text);
        Assert.Contains("Password=********", text);
        Assert.Contains("CREATE TABLE songplays", text);
        Assert.Contains("copy staging_songs", text);
        Assert.Contains("merge into songplays", text);
        Assert.Contains("lock loaded_files", text);
    }

    [Fact]
    public void Without_LOG_JSONPATH_the_events_COPY_reads_the_JSONPaths_file_the_run_writes_never_auto()
    {
        var plan = LoadPlan.For(WarehouseEngines.For(Config(manifestPrefix: "s3://my-sparkify-bucket/sparkify", logJsonPath: "")), "dev");

        var copy = plan.Single(s => s.Statement.Sql.StartsWith("copy staging_events", StringComparison.Ordinal)).Statement.Sql;
        Assert.Contains("format as json 's3://my-sparkify-bucket/sparkify/run-{id}/staging_events/jsonpaths.json'", copy);
        Assert.DoesNotContain(plan, s => s.Statement.Sql.Contains("copy staging_events", StringComparison.Ordinal) && s.Statement.Sql.Contains("'auto'", StringComparison.Ordinal));
        Assert.Contains(plan, s => s.Statement.Name.StartsWith("write the JSONPaths file", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_LOG_JSONPATH_or_a_manifest_prefix_to_write_one_under_the_Redshift_engine_refuses_to_start()
    {
        var error = Assert.Throws<ConfigurationException>(() => WarehouseEngines.For(Config(logJsonPath: "")));

        Assert.Contains("[S3] LOG_JSONPATH and MANIFEST_PREFIX are both empty", error.Message);
        Assert.Contains("'auto' matches keys to columns case-sensitively", error.Message);
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public void The_JSONPaths_the_model_gives_are_the_real_data_set_s_own()
    {
        var real = File.ReadAllText(Path.Combine(DataPaths.RequireRealData(), "log_json_path.json"));

        Assert.Null(RedshiftJsonPaths.Difference(real, StagingTable.Events));
        Assert.Null(RedshiftJsonPaths.Difference(RedshiftJsonPaths.Document(StagingTable.Events), StagingTable.Events));
    }

    [Theory]
    [InlineData("$['firstname']", "path 3 is $['firstname'], where column 3 of staging_events's COPY, first_name, is read from $['firstName']")]
    [InlineData("$.firstName", null)]
    [InlineData("$[\"firstName\"]", null)]
    public void A_JSONPaths_file_that_maps_a_column_otherwise_is_named_by_its_first_difference(string third, string? difference)
    {
        var paths = StagingTable.Events.Columns.Select(RedshiftJsonPaths.Path).ToList();
        paths[2] = third;
        var file = System.Text.Json.JsonSerializer.Serialize(new { jsonpaths = paths });

        var found = RedshiftJsonPaths.Difference(file, StagingTable.Events);

        if (difference is null)
            Assert.Null(found);
        else
            Assert.StartsWith(difference, found);
    }

    [Fact]
    public void A_JSONPaths_file_with_a_column_too_few_says_which_column_lacks_a_path()
    {
        var file = System.Text.Json.JsonSerializer.Serialize(new { jsonpaths = StagingTable.Events.Columns.SkipLast(1).Select(RedshiftJsonPaths.Path) });

        Assert.Equal("it has 17 paths; staging_events's COPY lists 18 columns, and column 18, user_id, needs $['userId'].",
            RedshiftJsonPaths.Difference(file, StagingTable.Events));
    }

    [Fact]
    public void No_Redshift_statement_but_a_plain_SELECT_INSERT_UPDATE_or_DELETE_is_sent_with_bind_parameters()
    {
        using var connection = new Npgsql.NpgsqlConnection();
        var statements = ManifestPrefixes
            .SelectMany(prefix => LoadPlan.For(WarehouseEngines.For(Config(manifestPrefix: prefix)), "dev")).Select(s => s.Statement)
            .Where(s => BindParameter().IsMatch(s.Sql)).ToList();

        foreach (var statement in statements)
        {
            using var command = connection.Command(statement, [.. BindParameter().Matches(statement.Sql).Select(m => m.Value[1..]).Distinct()
                .Select(name => PlannedCommands.Parameter(name, 42L))]);
            Assert.True(statement.TakesParameters || command.Parameters.Count == 0 && !BindParameter().IsMatch(command.CommandText),
                $"{statement.Name} is sent with bind parameters:\n{command.CommandText}");
        }
        // The transforms' CREATE TABLE AS and MERGE are among them, and take the run's id as a literal.
        Assert.Contains(statements, s => !s.TakesParameters && s.Sql.Contains("merge into songplays", StringComparison.Ordinal));
        Assert.Contains(statements, s => !s.TakesParameters && s.Sql.Contains("create temp table user_changes", StringComparison.Ordinal));
    }

    /// <summary>A run that copies whole prefixes, and one that copies through its manifests.</summary>
    private static readonly string[] ManifestPrefixes = ["", "s3://my-sparkify-bucket/sparkify"];

    [System.Text.RegularExpressions.GeneratedRegex(@"@\w+")]
    private static partial System.Text.RegularExpressions.Regex BindParameter();

    [Theory]
    [InlineData(1206, "TIMEFORMAT")]
    [InlineData(1216, "FORMAT AS JSON")]
    [InlineData(1204, "too long")]
    public void Load_errors_name_file_line_column_and_a_hint(int code, string hint)
    {
        var error = new RedshiftLoadError("s3://udacity-dend/log_data/2018/11/2018-11-03-events.json", 42, "ts", code, "Invalid", "abc");

        var text = error.ToString();

        Assert.StartsWith("s3://udacity-dend/log_data/2018/11/2018-11-03-events.json, line 42, column ts: Invalid (error " + code, text);
        Assert.Contains(hint, text);
    }
}
