using System.Text.Json;
using Sparkify.Loader.Cloud;

namespace Sparkify.Tests.Loader.Cloud;

/// <summary>The CloudFormation template in infra/ and the path from its outputs into dwh.cfg (no AWS account is reachable here).</summary>
public sealed class ClusterTemplateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-stack-").FullName;
    private static readonly JsonElement Template =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(DataPaths.RepositoryRoot, "infra", "redshift-cluster.json"))).RootElement;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JsonElement Resource(string name) => Template.GetProperty("Resources").GetProperty(name);

    [Fact]
    public void Role_is_trusted_by_Redshift_and_can_only_read_S3()
    {
        var role = Resource("S3ReadRole");
        var statement = role.GetProperty("Properties").GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0];

        Assert.Equal("AWS::IAM::Role", role.GetProperty("Type").GetString());
        Assert.Equal("redshift.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
        var policies = role.GetProperty("Properties").GetProperty("ManagedPolicyArns").EnumerateArray().Select(p => p.ToString()).ToList();
        Assert.Equal(["arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess"],
            policies.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("Fn::Sub").GetString()));
        Assert.False(role.GetProperty("Properties").TryGetProperty("Policies", out _), "no inline policy may widen the role");
    }

    [Fact]
    public void Cluster_takes_node_type_and_count_as_parameters_and_has_the_role_attached()
    {
        var cluster = Resource("Cluster").GetProperty("Properties");

        Assert.Equal("NodeType", cluster.GetProperty("NodeType").GetProperty("Ref").GetString());
        Assert.Contains("\"Ref\":\"NumberOfNodes\"", cluster.GetProperty("NumberOfNodes").GetRawText().Replace(" ", ""));
        Assert.Equal("S3ReadRole", cluster.GetProperty("IamRoles")[0].GetProperty("Fn::GetAtt")[0].GetString());
        Assert.True(Template.GetProperty("Parameters").GetProperty("MasterUserPassword").GetProperty("NoEcho").GetBoolean());
        Assert.Equal(5439, cluster.GetProperty("Port").GetInt32());
    }

    [Fact]
    public void Only_the_given_CIDR_may_connect_and_only_on_5439()
    {
        var ingress = Assert.Single(Resource("ClusterSecurityGroup").GetProperty("Properties").GetProperty("SecurityGroupIngress").EnumerateArray());

        Assert.Equal(("tcp", 5439, 5439), (ingress.GetProperty("IpProtocol").GetString(), ingress.GetProperty("FromPort").GetInt32(), ingress.GetProperty("ToPort").GetInt32()));
        Assert.Equal("AllowedCidr", ingress.GetProperty("CidrIp").GetProperty("Ref").GetString());
        Assert.False(Template.GetProperty("Parameters").GetProperty("AllowedCidr").TryGetProperty("Default", out _), "no default CIDR: the user must choose");
    }

    [Fact]
    public void Outputs_give_endpoint_port_and_role()
    {
        var outputs = Template.GetProperty("Outputs");

        Assert.Equal(["Cluster", "Endpoint.Address"], outputs.GetProperty("ClusterEndpoint").GetProperty("Value").GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Cluster", "Endpoint.Port"], outputs.GetProperty("ClusterPort").GetProperty("Value").GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S3ReadRole", "Arn"], outputs.GetProperty("RoleArn").GetProperty("Value").GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Stack_outputs_are_written_into_dwh_cfg_keeping_everything_else()
    {
        var cfg = Path.Combine(_folder, "dwh.cfg");
        File.Copy(Path.Combine(DataPaths.RepositoryRoot, "dwh.cfg"), cfg);
        var outputs = Path.Combine(_folder, "outputs.json");
        File.WriteAllText(outputs, """
            {"Stacks": [{"StackName": "sparkify", "Outputs": [
              {"OutputKey": "ClusterEndpoint", "OutputValue": "sparkify.abc123xyz.us-west-2.redshift.amazonaws.com"},
              {"OutputKey": "ClusterPort", "OutputValue": "5439"},
              {"OutputKey": "DatabaseName", "OutputValue": "dev"},
              {"OutputKey": "MasterUsername", "OutputValue": "awsuser"},
              {"OutputKey": "RoleArn", "OutputValue": "arn:aws:iam::123456789012:role/sparkify-S3ReadRole-ABC"}]}]}
            """);

        IniFileEditor.Set(cfg, StackOutputs.Read(outputs).Settings());

        var config = DwhConfig.Load(cfg);
        Assert.Equal((DatabaseEngine.Redshift, "sparkify.abc123xyz.us-west-2.redshift.amazonaws.com", 5439, "dev", "awsuser"),
            (config.Engine, config.Host, config.Port, config.Database, config.User));
        Assert.Equal("arn:aws:iam::123456789012:role/sparkify-S3ReadRole-ABC", config.IamRoleArn);
        Assert.Equal(Path.Combine(_folder, "sample", "song_data"), config.SongData);
        Assert.Contains("; Never commit a password: set SPARKIFY_DB_PASSWORD instead.", File.ReadAllText(cfg));
    }
}
