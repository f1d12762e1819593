namespace Sparkify.Tests.Data;

/// <summary>
/// dwh.cfg: a section or key the loader does not know is named in a warning with the nearest known name (never a value),
/// the course project's own files load as they are, and every error names the file and what to fix.
/// </summary>
public sealed class DwhConfigTests : IDisposable
{
    private const string Password = "Made-Up-Pa55word";
    private const string AwsSecret = "MadeUpAwsSecretKey/For+Tests0123456789xyz";

    /// <summary>The course project's dwh.cfg as handed out: quoted values, most of them empty, no spaces around '='.</summary>
    private const string CourseProject = """
        [CLUSTER]
        HOST=''
        DB_NAME=''
        DB_USER=''
        DB_PASSWORD=''
        DB_PORT=5439

        [IAM_ROLE]
        ARN=''

        [S3]
        LOG_DATA='s3://udacity-dend/log_data'
        LOG_JSONPATH='s3://udacity-dend/log_json_path.json'
        SONG_DATA='s3://udacity-dend/song_data'
        """;

    /// <summary>The same with the sections the course's infrastructure notebook adds (made-up credentials and cluster).</summary>
    private const string CourseProjectWithNotebookSections = $"""
        [AWS]
        KEY=AKIAMADEUPFORTESTS00
        SECRET={AwsSecret}

        [DWH] 
        DWH_CLUSTER_TYPE=multi-node
        DWH_NUM_NODES=4
        DWH_NODE_TYPE=dc2.large

        DWH_IAM_ROLE_NAME=dwhRole
        DWH_CLUSTER_IDENTIFIER=dwhCluster
        DWH_DB=dwh
        DWH_DB_USER=dwhuser
        DWH_DB_PASSWORD={Password}
        DWH_PORT=5439

        {CourseProject}
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "dwh.cfg");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_misspelt_key_warns_with_the_key_it_probably_meant()
    {
        var path = Write($"""
            [CLUSTER]
            HOST = localhost
            DB_PASWORD = {Password}
            """);

        var config = DwhConfig.Load(path);

        Assert.Equal([$"{path}, line 3: [CLUSTER] DB_PASWORD is not a setting the loader reads; did you mean DB_PASSWORD?"], config.Warnings);
        Assert.Null(config.Password);
    }

    [Theory]
    [InlineData("CLUSTER", "db_pasword", "DB_PASSWORD")]
    [InlineData("CLUSTER", "DB_PASWROD", "DB_PASSWORD")]
    [InlineData("CLUSTER", "HST", "HOST")]
    [InlineData("CLUSTER", "DB_PORTT", "DB_PORT")]
    [InlineData("IAM_ROLE", "ARM", "ARN")]
    [InlineData("S3", "LOG_JSON_PATH", "LOG_JSONPATH")]
    [InlineData("S3", "MAX_ERROR", "MAXERROR")]
    [InlineData("S3", "SONG_DTA", "SONG_DATA")]
    public void Slips_of_case_missing_extra_or_swapped_letters_find_the_key_meant(string section, string written, string meant)
    {
        var path = Write($"""
            [{section}]
            {written} = x
            """);

        var warning = Assert.Single(DwhConfig.Load(path).Warnings);

        Assert.EndsWith($"[{section}] {written} is not a setting the loader reads; did you mean {meant}?", warning);
    }

    [Fact]
    public void An_unknown_section_warns_once_with_the_nearest_known_section()
    {
        var path = Write("""
            [CLUSTR]
            HOST = localhost
            DB_NAME = sparkify
            """);

        var config = DwhConfig.Load(path);

        Assert.Equal([$"{path}, line 1: [CLUSTR] is not a section the loader reads; did you mean [CLUSTER]?"], config.Warnings);
        Assert.Null(config.Host);
    }

    [Fact]
    public void A_key_far_from_every_known_one_warns_with_the_section_s_keys_instead_of_a_guess()
    {
        var path = Write("""
            [CLUSTER]
            FAVOURITE_COLOUR = blue
            """);

        var warning = Assert.Single(DwhConfig.Load(path).Warnings);

        Assert.Equal($"{path}, line 2: [CLUSTER] FAVOURITE_COLOUR is not a setting the loader reads; "
                     + "the keys of [CLUSTER] are ENGINE, HOST, DB_NAME, DB_USER, DB_PASSWORD, DB_PORT.", warning);
    }

    [Fact]
    public void A_section_far_from_every_known_one_warns_with_the_sections_the_loader_reads()
    {
        var path = Write("""
            [NOTES]
            TODO = rotate the password
            """);

        var warning = Assert.Single(DwhConfig.Load(path).Warnings);

        Assert.Equal($"{path}, line 1: [NOTES] is not a section the loader reads; its keys are ignored (the loader reads [CLUSTER], [IAM_ROLE], [S3]).", warning);
    }

    [Theory]
    [InlineData(nameof(CourseProject))]
    [InlineData(nameof(CourseProjectWithNotebookSections))]
    public void The_course_project_s_dwh_cfg_loads_as_it_is_without_warnings(string layout)
    {
        var path = Write(layout == nameof(CourseProject) ? CourseProject : CourseProjectWithNotebookSections);

        var config = DwhConfig.Load(path);

        Assert.Empty(config.Warnings);
        Assert.Equal(DatabaseEngine.Postgres, config.Engine);
        Assert.Null(config.Host);
        Assert.Equal(5439, config.Port);
        Assert.Equal(("sparkify", "postgres", null, null), (config.Database, config.User, config.Password, config.IamRoleArn));
        Assert.Equal("s3://udacity-dend/log_data", config.LogData);
        Assert.Equal("s3://udacity-dend/log_json_path.json", config.LogJsonPath);
        Assert.Equal("s3://udacity-dend/song_data", config.SongData);
    }

    [Fact]
    public void Every_key_the_loader_reads_is_accepted_without_a_warning()
    {
        var path = Write(string.Join("\n", KnownSettings.Read.SelectMany(section => (IEnumerable<string>)[$"[{section.Key}]", .. section.Value.Select(key => $"{key} =")])));

        Assert.Empty(DwhConfig.Load(path).Warnings);
    }

    [Fact]
    public void Reading_a_key_not_listed_as_known_is_refused_so_the_list_cannot_fall_behind()
    {
        var ini = IniFile.Load(Write("""
            [CLUSTER]
            DB_SCHEMA = public
            """));

        var error = Assert.Throws<InvalidOperationException>(() => KnownSettings.Get(ini, "CLUSTER", "DB_SCHEMA"));

        Assert.Contains("[CLUSTER] DB_SCHEMA is read but not listed in KnownSettings.Read", error.Message);
    }

    [Fact]
    public void No_warning_or_error_shows_a_value_only_names()
    {
        var withSecrets = Write($"""
            [CLUSTER]
            DB_PASWORD = {Password}
            [AWS]
            SECRET = {AwsSecret}
            [SECRETS]
            TOKEN = {AwsSecret}
            """);
        var warnings = DwhConfig.Load(withSecrets).Warnings;
        var cannotLoad = new[]
        {
            // A password whose 'DB_PASSWORD =' was lost: the line is not echoed.
            $"[CLUSTER]\n{Password}",
            // An error with warnings attached: still names only.
            $"[CLUSTER]\nENGINE = redshift\nHOTS = {Password}\nDB_PASWORD = {Password}\n[AWS]\nSECRET = {AwsSecret}",
        }.Select(text => Assert.Throws<ConfigurationException>(() => DwhConfig.Load(Write(text))).Message).ToList();

        Assert.Equal(2, warnings.Count);
        foreach (var text in warnings.Concat(cannotLoad))
        {
            Assert.DoesNotContain(Password, text);
            Assert.DoesNotContain(AwsSecret, text);
        }
    }

    [Fact]
    public void An_error_also_names_the_unknown_keys_that_may_have_caused_it()
    {
        var path = Write("""
            [CLUSTER]
            ENGINE = redshift
            HOTS = sparkify.abc123xyz.us-west-2.redshift.amazonaws.com
            """);

        var error = Assert.Throws<ConfigurationException>(() => DwhConfig.Load(path));

        Assert.Equal([
            $"{path}: [CLUSTER] HOST is empty; a Redshift engine needs the cluster's endpoint (see docs/redshift.md).",
            $"{path}, line 3: [CLUSTER] HOTS is not a setting the loader reads; did you mean HOST?",
        ], error.Message.Split(Environment.NewLine));
    }

    [Theory]
    [InlineData("redshift", "sparkify.abc123xyz.us-west-2.redshift.amazonaws.com", false)]
    [InlineData("redshift", "sparkify.123456789012.us-west-2.redshift-serverless.amazonaws.com", true)]
    [InlineData("redshift-serverless", "127.0.0.1", true)]
    [InlineData("postgres", "db.example.com", false)]
    public void Redshift_Serverless_is_told_by_its_workgroup_endpoint_or_said_in_ENGINE(string engine, string host, bool serverless)
    {
        var config = DwhConfig.Load(Write($"[CLUSTER]\nENGINE = {engine}\nHOST = {host}"));

        Assert.Equal((engine != "postgres", serverless), (config.Engine == DatabaseEngine.Redshift, config.RedshiftServerless));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(_folder, "missing.cfg");

        var error = Assert.Throws<ConfigurationException>(() => DwhConfig.Load(path));

        Assert.Equal($"{path}: no such settings file.", error.Message);
    }

    [Theory]
    [InlineData("[CLUSTER]\nHOST localhost", ", line 2: expected '[SECTION]' or 'KEY = value'; write the line in one of these forms, or start it with ; to make it a comment.")]
    [InlineData("HOST = localhost\n[CLUSTER]", ", line 1: HOST comes before any [SECTION] header; put it under the section it belongs to")]
    [InlineData("[CLUSTER]\nDB_PORT = 5439x", ": [CLUSTER] DB_PORT must be a whole number from 1 to 65535, found '5439x'.")]
    [InlineData("[S3]\nMAXERROR = many", ": [S3] MAXERROR must be a whole number from 0 to 100000, found 'many'.")]
    [InlineData("[S3]\nSONG_COMPACT_FILES = 10001", ": [S3] SONG_COMPACT_FILES must be a whole number from 0 to 10000, found '10001'.")]
    [InlineData("[CLUSTER]\nENGINE = mysql", ": [CLUSTER] ENGINE must be 'postgres', 'redshift' or 'redshift-serverless', found 'mysql'.")]
    [InlineData("[S3]\nANONYMOUS = maybe", ": [S3] ANONYMOUS must be true or false, found 'maybe'.")]
    [InlineData("[CLUSTER]\nENGINE = redshift\nHOST = ''", ": [CLUSTER] HOST is empty; a Redshift engine needs the cluster's endpoint")]
    public void A_setting_that_cannot_work_stops_the_load_naming_the_file_and_the_fix(string text, string message)
    {
        var path = Write(text);

        var error = Assert.Throws<ConfigurationException>(() => DwhConfig.Load(path));

        Assert.StartsWith(path + message, error.Message);
    }

    [EndToEnd("starts the loader")]
    [Fact]
    public async Task The_loader_prints_the_warning_and_never_the_value()
    {
        var path = Write($"""
            [CLUSTER]
            HOST =
            DB_PASWORD = {Password}
            [S3]
            SONG_DATA = {Path.Combine(SampleWarehouse.Folder, "song_data")}
            LOG_DATA = {Path.Combine(SampleWarehouse.Folder, "log_data")}
            """);

        var dryRun = await ProcessRun.LoaderAsync(["--dry-run", "--config", path]);

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains($"warning: {path}, line 3: [CLUSTER] DB_PASWORD is not a setting the loader reads; did you mean DB_PASSWORD?", dryRun.Output);
        Assert.DoesNotContain(Password, dryRun.Output);
    }
}
