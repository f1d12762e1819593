using System.Text.Json;
using Sparkify.Settings;

namespace Sparkify.Loader.Cloud;

/// <summary>The outputs of a stack made from one of the <see cref="StackTemplate"/>s, and the dwh.cfg settings they fill.</summary>
public sealed record StackOutputs(StackTemplate Template, string Endpoint, string Port, string DatabaseName, string User, string RoleArn)
{
    /// <summary>
    /// Reads the JSON that <c>aws cloudformation describe-stacks</c> prints: either the whole answer
    /// (<c>{"Stacks": [{"Outputs": [...]}]}</c>) or just its outputs (<c>--query 'Stacks[0].Outputs'</c>).
    /// The endpoint output (<c>ClusterEndpoint</c> or <c>WorkgroupEndpoint</c>) tells which template the stack was made from.
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
        var template = TemplateOf(path, values);
        string Output(string key) => values.TryGetValue(key, out var value) ? value
            : throw new ConfigurationException($"{path}: the stack has '{template.EndpointOutput}' but no output '{key}', so it was not made " +
                $"from {template.File} as committed; redeploy it from that file (configure reads stacks of {StackTemplate.AllFiles}).");
        return new(template, Output(template.EndpointOutput), Output(template.PortOutput), Output(StackTemplate.DatabaseOutput),
            Output(template.UserOutput), Output(StackTemplate.RoleOutput));
    }

    private static StackTemplate TemplateOf(string path, Dictionary<string, string> values)
    {
        var matching = StackTemplate.All.Where(t => values.ContainsKey(t.EndpointOutput)).ToList();
        IEnumerable<string> Endpoints() => StackTemplate.All.Select(t => $"'{t.EndpointOutput}' ({t.File})");
        return matching.Count switch
        {
            1 => matching[0],
            0 => throw new ConfigurationException($"{path}: the stack has no output {string.Join(" or ", Endpoints())}; " +
                "deploy one of those templates and pass its 'aws cloudformation describe-stacks' JSON."),
            _ => throw new ConfigurationException($"{path}: the stack has both {string.Join(" and ", Endpoints())}; pass the outputs of one stack."),
        };
    }

    /// <summary>What goes into dwh.cfg. Never the password: that stays in SPARKIFY_DB_PASSWORD.</summary>
    public IReadOnlyList<(string Section, string Key, string Value)> Settings() =>
    [
        ("CLUSTER", "ENGINE", Template.Engine),
        ("CLUSTER", "HOST", Endpoint),
        ("CLUSTER", "DB_PORT", Port),
        ("CLUSTER", "DB_NAME", DatabaseName),
        ("CLUSTER", "DB_USER", User),
        ("IAM_ROLE", "ARN", RoleArn),
    ];
}
