using System.Text.Json;
using Sparkify.Loader.Cloud;

namespace Sparkify.Tests.Loader.Cloud;

/// <summary>
/// <c>configure</c> reads a stack of either template in infra/, tells which from its outputs, and says in one line what
/// to do with a stack of neither.
/// </summary>
public sealed class StackOutputsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-stack-outputs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> TemplateFiles => [.. StackTemplate.All.Select(t => t.File)];

    private string WriteOutputs(params (string Key, string Value)[] outputs)
    {
        var path = Path.Combine(_folder, "stack.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Stacks = new[] { new { StackName = "sparkify", Outputs = outputs.Select(o => new { OutputKey = o.Key, OutputValue = o.Value }) } },
        }));
        return path;
    }

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void Every_output_configure_reads_is_an_output_of_its_template(string file)
    {
        var template = StackTemplate.All.Single(t => t.File == file);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataPaths.RepositoryRoot, file)));

        var declared = json.RootElement.GetProperty("Outputs").EnumerateObject().Select(o => o.Name).ToHashSet();

        Assert.All(template.Outputs, output => Assert.Contains(output, declared));
    }

    [Fact]
    public void Each_template_s_stack_sets_its_own_engine()
    {
        var cluster = StackOutputs.Read(WriteOutputs(("ClusterEndpoint", "sparkify.abc.us-west-2.redshift.amazonaws.com"), ("ClusterPort", "5439"),
            ("DatabaseName", "dev"), ("MasterUsername", "awsuser"), ("RoleArn", "arn:aws:iam::123456789012:role/r")));
        var serverless = StackOutputs.Read(WriteOutputs(("WorkgroupEndpoint", "sparkify.123456789012.us-west-2.redshift-serverless.amazonaws.com"),
            ("WorkgroupPort", "5439"), ("DatabaseName", "dev"), ("AdminUsername", "awsuser"), ("RoleArn", "arn:aws:iam::123456789012:role/r")));

        Assert.Equal((StackTemplate.Cluster, ("CLUSTER", "ENGINE", "redshift")), (cluster.Template, cluster.Settings()[0]));
        Assert.Equal((StackTemplate.Serverless, ("CLUSTER", "ENGINE", DwhConfig.ServerlessEngine)), (serverless.Template, serverless.Settings()[0]));
    }

    [Fact]
    public void A_stack_of_neither_template_is_one_error_naming_the_file_the_missing_outputs_and_both_templates()
    {
        var outputs = WriteOutputs(("BucketName", "sparkify-data"));

        var error = Assert.Throws<ConfigurationException>(() => StackOutputs.Read(outputs));

        Assert.Equal(
            $"{outputs}: the stack has no output 'ClusterEndpoint' (infra/redshift-cluster.json) or 'WorkgroupEndpoint' (infra/redshift-serverless.json); " +
            "deploy one of those templates and pass its 'aws cloudformation describe-stacks' JSON.",
            error.Message);
    }

    [Fact]
    public void A_serverless_stack_without_one_of_its_outputs_names_that_output_and_both_templates()
    {
        var outputs = WriteOutputs(("WorkgroupEndpoint", "sparkify.123456789012.us-west-2.redshift-serverless.amazonaws.com"),
            ("WorkgroupPort", "5439"), ("DatabaseName", "dev"), ("RoleArn", "arn:aws:iam::123456789012:role/r"));

        var error = Assert.Throws<ConfigurationException>(() => StackOutputs.Read(outputs));

        Assert.Equal(
            $"{outputs}: the stack has 'WorkgroupEndpoint' but no output 'AdminUsername', so it was not made from infra/redshift-serverless.json " +
            "as committed; redeploy it from that file (configure reads stacks of infra/redshift-cluster.json or infra/redshift-serverless.json).",
            error.Message);
    }

    [Fact]
    public void Outputs_of_both_templates_at_once_are_refused()
    {
        var outputs = WriteOutputs(("ClusterEndpoint", "a.redshift.amazonaws.com"), ("WorkgroupEndpoint", "b.redshift-serverless.amazonaws.com"));

        var error = Assert.Throws<ConfigurationException>(() => StackOutputs.Read(outputs));

        Assert.Contains("has both 'ClusterEndpoint' (infra/redshift-cluster.json) and 'WorkgroupEndpoint' (infra/redshift-serverless.json)", error.Message);
    }

    [EndToEnd("starts the loader")]
    [Fact]
    public async Task The_configure_verb_refuses_a_stack_of_neither_template_in_one_line_and_leaves_dwh_cfg_alone()
    {
        // Given
        var cfg = Path.Combine(_folder, "dwh.cfg");
        File.Copy(Path.Combine(DataPaths.RepositoryRoot, "dwh.cfg"), cfg);
        var before = File.ReadAllText(cfg);
        var outputs = WriteOutputs(("BucketName", "sparkify-data"));

        // When
        var run = await ProcessRun.LoaderAsync(["configure", "--config", cfg, "--stack-outputs", outputs]);

        // Then
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"error (configuration): {outputs}: the stack has no output 'ClusterEndpoint' (infra/redshift-cluster.json) or 'WorkgroupEndpoint' (infra/redshift-serverless.json)", line);
        Assert.Equal(before, File.ReadAllText(cfg));
    }

    [EndToEnd("starts the loader")]
    [Fact]
    public async Task Configure_help_names_both_templates()
    {
        var help = await ProcessRun.LoaderAsync(["configure", "--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("infra/redshift-cluster.json", help.Output);
        Assert.Contains("infra/redshift-serverless.json", help.Output);
        Assert.Contains(DwhConfig.ServerlessEngine, help.Output);
    }
}
