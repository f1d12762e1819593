using System.Text.Json;
using Sparkify.Data.Settings;

namespace Sparkify.Loader.Cloud;

/// <summary>The outputs of the CloudFormation stack in <c>infra/redshift-cluster.json</c>, and the dwh.cfg settings they fill.</summary>
public sealed record StackOutputs(string Endpoint, string Port, string DatabaseName, string MasterUsername, string RoleArn)
{
    /// <summary>
    /// Reads the JSON that <c>aws cloudformation describe-stacks</c> prints: either the whole answer
    /// (<c>{"Stacks": [{"Outputs": [...]}]}</c>) or just its outputs (<c>--query 'Stacks[0].Outputs'</c>).
    /// </summary>
    public static StackOutputs Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var outputs = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Stacks", out var stacks)
            ? stacks[0].GetProperty("Outputs")
            : document.RootElement;
        if (outputs.ValueKind != JsonValueKind.Array)
            throw new ConfigurationException($"{path}: expected the stack's Outputs array from 'aws cloudformation describe-stacks'.");

        var values = outputs.EnumerateArray().ToDictionary(o => o.GetProperty("OutputKey").GetString()!, o => o.GetProperty("OutputValue").GetString()!);
        string Output(string key) => values.TryGetValue(key, out var value) ? value
            : throw new ConfigurationException($"{path}: the stack has no output '{key}'; was it made from infra/redshift-cluster.json?");
        return new(Output("ClusterEndpoint"), Output("ClusterPort"), Output("DatabaseName"), Output("MasterUsername"), Output("RoleArn"));
    }

    /// <summary>What goes into dwh.cfg. Never the password: that stays in SPARKIFY_DB_PASSWORD.</summary>
    public IReadOnlyList<(string Section, string Key, string Value)> Settings() =>
    [
        ("CLUSTER", "ENGINE", "redshift"),
        ("CLUSTER", "HOST", Endpoint),
        ("CLUSTER", "DB_PORT", Port),
        ("CLUSTER", "DB_NAME", DatabaseName),
        ("CLUSTER", "DB_USER", MasterUsername),
        ("IAM_ROLE", "ARN", RoleArn),
    ];
}
