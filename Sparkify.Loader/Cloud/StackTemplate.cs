using Sparkify.Settings;

namespace Sparkify.Loader.Cloud;

/// <summary>A CloudFormation template in <c>infra/</c>: the engine its stack runs and the outputs that <c>configure</c> reads from it.</summary>
public sealed record StackTemplate(string File, string Engine, string EndpointOutput, string PortOutput, string UserOutput)
{
    /// <summary>Both templates name these two outputs alike.</summary>
    public const string DatabaseOutput = "DatabaseName";

    /// <inheritdoc cref="DatabaseOutput"/>
    public const string RoleOutput = "RoleArn";

    /// <summary>A provisioned cluster.</summary>
    public static StackTemplate Cluster { get; } =
        new("infra/redshift-cluster.json", "redshift", "ClusterEndpoint", "ClusterPort", "MasterUsername");

    /// <summary>A Redshift Serverless namespace and workgroup.</summary>
    public static StackTemplate Serverless { get; } =
        new("infra/redshift-serverless.json", DwhConfig.ServerlessEngine, "WorkgroupEndpoint", "WorkgroupPort", "AdminUsername");

    /// <summary>Every template <c>configure</c> reads a stack of, told apart by their endpoint outputs.</summary>
    public static IReadOnlyList<StackTemplate> All { get; } = [Cluster, Serverless];

    /// <summary>The outputs <c>configure</c> needs from a stack of this template.</summary>
    public IReadOnlyList<string> Outputs => [EndpointOutput, PortOutput, DatabaseOutput, UserOutput, RoleOutput];

    /// <summary>"infra/redshift-cluster.json or infra/redshift-serverless.json", for help and errors.</summary>
    public static string AllFiles => string.Join(" or ", All.Select(t => t.File));
}
