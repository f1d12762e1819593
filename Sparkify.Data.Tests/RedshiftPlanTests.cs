using Sparkify.Data.Redshift;
using Sparkify.Data.Settings;
using Sparkify.Loader.Cli;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Transform;

namespace Sparkify.Data.Tests;

/// <summary>The full Redshift load plan (DDL, COPY, transforms), checked as SQL text: no cluster is reachable here.</summary>
public sealed class RedshiftPlanTests : IDisposable
{
    private const string Password = "Sup3r-Secret-Pa55";
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-redshift-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DwhConfig Config(string? arn = "arn:aws:iam::123456789012:role/sparkify-s3-read", string logData = "s3://udacity-dend/log_data",
        string region = "us-west-2")
    {
        var path = Path.Combine(_folder, "dwh.cfg");
        File.WriteAllText(path, $"""
            [CLUSTER]
            ENGINE = redshift
            HOST = sparkify.abc123xyz.us-west-2.redshift.amazonaws.com
            DB_NAME = dev
            DB_USER = awsuser
            DB_PASSWORD = {Password}
            [IAM_ROLE]
            ARN = {arn}
            [S3]
            SONG_DATA = s3://udacity-dend/song_data
            LOG_DATA = {logData}
            LOG_JSONPATH = s3://udacity-dend/log_json_path.json
            REGION = {region}
            MAXERROR = 3
            """);
        return DwhConfig.Load(path);
    }

    private IReadOnlyList<PlanStep> Plan() => LoadPlan.For(DatabaseEngine.Redshift, Stagers.For(Config()));

    [Fact]
    public void Redshift_plan_has_no_construct_AWS_documents_as_unsupported()
    {
        var offences = Plan().SelectMany(step => RedshiftUnsupportedSql.FindIn(step.Statement.Sql)
            .Select(c => $"{step.Statement.Name}: {c.Name} ({c.Documentation})"));

        Assert.Empty(offences);
    }

    [Fact]
    public void Redshift_plan_runs_schema_then_staging_then_transforms_without_TRUNCATE()
    {
        var plan = Plan();

        Assert.Equal(
            [LoadStage.Schema, LoadStage.StageEvents, LoadStage.StageEvents, LoadStage.StageSongs, LoadStage.StageSongs,
             .. Enumerable.Repeat(LoadStage.Transform, SqlScripts.Transforms.Count + SqlScripts.Checks.Count)],
            plan.Select(s => s.Stage));
        Assert.Equal("delete from staging_events", plan[1].Statement.Sql);
        // TRUNCATE commits the open transaction on Redshift; staging must stay inside the load's transaction.
        Assert.DoesNotContain(plan, s => s.Statement.Sql.Contains("truncate", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Event_COPY_reads_S3_with_the_role_the_JSONPaths_file_and_the_region()
    {
        var copy = Plan()[2].Statement.Sql;

        Assert.Equal("""
            copy staging_events
            from 's3://udacity-dend/log_data'
            iam_role 'arn:aws:iam::123456789012:role/sparkify-s3-read'
            format as json 's3://udacity-dend/log_json_path.json'
            region 'us-west-2'
            compupdate off
            statupdate on
            maxerror 3
            """.ReplaceLineEndings("\n"), copy.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Song_COPY_maps_keys_to_columns_automatically()
    {
        Assert.Contains("format as json 'auto'", Plan()[4].Statement.Sql);
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

        var error = Assert.Throws<ConfigurationException>(() => Stagers.For(config));

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void Dry_run_prints_every_statement_and_masks_the_password()
    {
        var config = Config();
        var output = new StringWriter();

        PlanPrinter.Write(output, config, LoadPlan.For(config.Engine, Stagers.For(config)));

        var text = output.ToString();
        Assert.DoesNotContain(Password, text);
        Assert.Contains("Password=********", text);
        Assert.Contains("CREATE TABLE songplays", text);
        Assert.Contains("copy staging_songs", text);
        Assert.Contains("insert into songplays", text);
    }

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

    [Fact]
    public void Load_errors_are_read_for_the_failed_session_only()
    {
        Assert.Contains("from stl_load_errors", RedshiftStager.LoadErrorsQuery);
        Assert.Contains("session = @session", RedshiftStager.LoadErrorsQuery);
        Assert.Empty(RedshiftUnsupportedSql.FindIn(RedshiftStager.LoadErrorsQuery));
    }
}
