using System.Text.Json;
using Sparkify.Loader.Cloud;

namespace Sparkify.Tests.Loader.Cloud;

/// <summary>The Redshift Serverless template in infra/ and the path from its outputs into dwh.cfg (no AWS account is reachable here).</summary>
public sealed class ServerlessTemplateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-serverless-stack-").FullName;
    private static readonly JsonElement Template =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(DataPaths.RepositoryRoot, StackTemplate.Serverless.File))).RootElement;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JsonElement Resource(string name) => Template.GetProperty("Resources").GetProperty(name);

    private static JsonElement Parameter(string name) => Template.GetProperty("Parameters").GetProperty(name);

    private static string[] GetAtt(JsonElement value) => [.. value.GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public void Role_is_trusted_by_Redshift_and_Redshift_Serverless_and_can_only_read_S3()
    {
        var role = Resource("S3ReadRole");
        var statement = Assert.Single(role.GetProperty("Properties").GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray());

        Assert.Equal("AWS::IAM::Role", role.GetProperty("Type").GetString());
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal(["redshift-serverless.amazonaws.com", "redshift.amazonaws.com"],
            statement.GetProperty("Principal").GetProperty("Service").EnumerateArray().Select(s => s.GetString()).Order());
        Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
        var policy = Assert.Single(role.GetProperty("Properties").GetProperty("ManagedPolicyArns").EnumerateArray());
        Assert.Equal("arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess", policy.GetProperty("Fn::Sub").GetString());
        Assert.False(role.GetProperty("Properties").TryGetProperty("Policies", out _), "no inline policy may widen the role");
    }

    [Fact]
    public void Namespace_takes_database_and_admin_from_parameters_and_has_the_role_attached_and_as_default()
    {
        var namespaceResource = Resource("Namespace");
        var properties = namespaceResource.GetProperty("Properties");

        Assert.Equal("AWS::RedshiftServerless::Namespace", namespaceResource.GetProperty("Type").GetString());
        Assert.Equal("DatabaseName", properties.GetProperty("DbName").GetProperty("Ref").GetString());
        Assert.Equal("AdminUsername", properties.GetProperty("AdminUsername").GetProperty("Ref").GetString());
        Assert.Equal("AdminUserPassword", properties.GetProperty("AdminUserPassword").GetProperty("Ref").GetString());
        Assert.Equal(["S3ReadRole", "Arn"], GetAtt(Assert.Single(properties.GetProperty("IamRoles").EnumerateArray())));
        Assert.Equal(["S3ReadRole", "Arn"], GetAtt(properties.GetProperty("DefaultIamRoleArn")));
    }

    [Fact]
    public void Admin_password_is_NoEcho_and_has_no_default()
    {
        var password = Parameter("AdminUserPassword");

        Assert.True(password.GetProperty("NoEcho").GetBoolean());
        Assert.False(password.TryGetProperty("Default", out _), "no default password: the user must choose");
        Assert.Equal((8, 64), (password.GetProperty("MinLength").GetInt32(), password.GetProperty("MaxLength").GetInt32()));
    }

    [Fact]
    public void Workgroup_serves_the_namespace_on_5439_from_the_given_subnets_and_security_group_with_a_small_base_capacity()
    {
        var workgroup = Resource("Workgroup");
        var properties = workgroup.GetProperty("Properties");

        Assert.Equal("AWS::RedshiftServerless::Workgroup", workgroup.GetProperty("Type").GetString());
        Assert.Equal("Namespace", properties.GetProperty("NamespaceName").GetProperty("Ref").GetString());
        Assert.Equal("BaseCapacity", properties.GetProperty("BaseCapacity").GetProperty("Ref").GetString());
        Assert.Equal(8, Parameter("BaseCapacity").GetProperty("Default").GetInt32());
        Assert.Equal("SubnetIds", properties.GetProperty("SubnetIds").GetProperty("Ref").GetString());
        Assert.Equal("List<AWS::EC2::Subnet::Id>", Parameter("SubnetIds").GetProperty("Type").GetString());
        Assert.Equal(["WorkgroupSecurityGroup", "GroupId"], GetAtt(Assert.Single(properties.GetProperty("SecurityGroupIds").EnumerateArray())));
        Assert.Equal(5439, properties.GetProperty("Port").GetInt32());
        Assert.True(properties.GetProperty("PubliclyAccessible").GetBoolean(), "reachable from AllowedCidr, like the provisioned cluster");
    }

    [Fact]
    public void Only_the_given_CIDR_may_connect_and_only_on_5439()
    {
        var group = Resource("WorkgroupSecurityGroup").GetProperty("Properties");
        var ingress = Assert.Single(group.GetProperty("SecurityGroupIngress").EnumerateArray());

        Assert.Equal(("tcp", 5439, 5439), (ingress.GetProperty("IpProtocol").GetString(), ingress.GetProperty("FromPort").GetInt32(), ingress.GetProperty("ToPort").GetInt32()));
        Assert.Equal("AllowedCidr", ingress.GetProperty("CidrIp").GetProperty("Ref").GetString());
        Assert.Equal("VpcId", group.GetProperty("VpcId").GetProperty("Ref").GetString());
        Assert.False(Parameter("AllowedCidr").TryGetProperty("Default", out _), "no default CIDR: the user must choose");
    }

    [Fact]
    public void Outputs_give_endpoint_port_database_user_and_role_from_the_workgroup_namespace_parameters_and_role()
    {
        var outputs = Template.GetProperty("Outputs");
        JsonElement Value(string output) => outputs.GetProperty(output).GetProperty("Value");

        Assert.Equal(["Workgroup", "Workgroup.Endpoint.Address"], GetAtt(Value("WorkgroupEndpoint")));
        // Written out, as an output must be a string and Workgroup.Endpoint.Port is an integer: the one number the workgroup is given.
        Assert.Equal(Resource("Workgroup").GetProperty("Properties").GetProperty("Port").GetInt32().ToString(), Value("WorkgroupPort").GetString());
        var namespaceProperties = Resource("Namespace").GetProperty("Properties");
        Assert.Equal(namespaceProperties.GetProperty("DbName").GetProperty("Ref").GetString(), Value("DatabaseName").GetProperty("Ref").GetString());
        Assert.Equal(namespaceProperties.GetProperty("AdminUsername").GetProperty("Ref").GetString(), Value("AdminUsername").GetProperty("Ref").GetString());
        Assert.Equal(["S3ReadRole", "Arn"], GetAtt(Value("RoleArn")));
    }

    [Fact]
    public void Serverless_stack_outputs_are_written_into_dwh_cfg_as_a_redshift_serverless_engine_keeping_everything_else()
    {
        // Given the repository's dwh.cfg and a Serverless stack's describe-stacks answer
        var cfg = Path.Combine(_folder, "dwh.cfg");
        File.Copy(Path.Combine(DataPaths.RepositoryRoot, "dwh.cfg"), cfg);
        var outputs = Path.Combine(_folder, "stack.json");
        File.WriteAllText(outputs, """
            {"Stacks": [{"StackName": "sparkify-serverless", "Outputs": [
              {"OutputKey": "WorkgroupEndpoint", "OutputValue": "sparkify.123456789012.us-west-2.redshift-serverless.amazonaws.com"},
              {"OutputKey": "WorkgroupPort", "OutputValue": "5439"},
              {"OutputKey": "DatabaseName", "OutputValue": "dev"},
              {"OutputKey": "AdminUsername", "OutputValue": "awsuser"},
              {"OutputKey": "RoleArn", "OutputValue": "arn:aws:iam::123456789012:role/sparkify-serverless-S3ReadRole-ABC"}]}]}
            """);

        // When
        IniFileEditor.Set(cfg, StackOutputs.Read(outputs).Settings());

        // Then
        Assert.Contains($"ENGINE = {DwhConfig.ServerlessEngine}", File.ReadAllLines(cfg));
        var config = DwhConfig.Load(cfg);
        Assert.Equal((DatabaseEngine.Redshift, true), (config.Engine, config.RedshiftServerless));
        Assert.Equal(("sparkify.123456789012.us-west-2.redshift-serverless.amazonaws.com", 5439, "dev", "awsuser"),
            (config.Host, config.Port, config.Database, config.User));
        Assert.Equal("arn:aws:iam::123456789012:role/sparkify-serverless-S3ReadRole-ABC", config.IamRoleArn);
        Assert.Equal(Path.Combine(_folder, "sample", "song_data"), config.SongData);
        Assert.Contains("; Never commit a password: set SPARKIFY_DB_PASSWORD instead.", File.ReadAllText(cfg));
    }
}
