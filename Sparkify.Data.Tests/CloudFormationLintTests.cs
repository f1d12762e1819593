using Sparkify.Loader.Cloud;

namespace Sparkify.Data.Tests;

/// <summary>Each template in infra/ uses only the properties and attributes its resource types publish, as cfn-lint reads them.</summary>
public sealed class CloudFormationLintTests
{
    public static TheoryData<string> TemplateFiles => [.. StackTemplate.All.Select(t => t.File)];

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public async Task Template_has_no_error_against_the_CloudFormation_resource_schemas(string file)
    {
        CfnLint.Require();

        var errors = await CfnLint.ErrorsAsync(Path.Combine(DataPaths.RepositoryRoot, file));

        Assert.Empty(errors);
    }
}
