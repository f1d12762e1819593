using System.Text.RegularExpressions;
using Sparkify.Loader.Sql;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>
/// Every statement we send Redshift parses in sqlfluff's Redshift dialect with no unparsable segment: the plan of a run
/// with and without a manifest prefix, the committed DDL and the report's queries. Our own list of what Redshift lacks
/// (<c>RedshiftUnsupportedSql</c>) is checked elsewhere; this is a reading by someone else's grammar.
/// </summary>
[EndToEnd("runs sqlfluff")]
public sealed partial class RedshiftDialectTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-sqlfluff-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Sqlfluff_parses_every_statement_of_the_Redshift_plans_the_committed_DDL_and_the_report_s_queries()
    {
        Sqlfluff.Require();
        var statements = new List<(string Name, string Sql)>();
        foreach (var manifestPrefix in new[] { "", "s3://my-sparkify-bucket/sparkify" })
        {
            var config = RedshiftConfig(manifestPrefix);
            statements.AddRange(LoadPlan.For(WarehouseEngines.For(config), config.Database)
                .Select(step => (step.Statement.Name, step.Statement.Sql)));
        }
        statements.Add(("Migrations/Scripts/redshift.sql", File.ReadAllText(Path.Combine(DataPaths.RepositoryRoot, "Migrations", "Scripts", "redshift.sql"))));
        statements.AddRange(SqlScripts.Analytics.Select(query => (query.Name, query.Sql)));
        var files = Write(statements);

        var failures = await Sqlfluff.UnparsableAsync(_folder);

        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{files[f.File]} (line {f.Line}): {f.Description}")));
        Assert.True(statements.Count > 80, $"only {statements.Count} statements were parsed");
    }

    [Theory]
    [InlineData("insert into users (user_id, level) select user_id, level from user_changes on conflict (user_id) do nothing")]
    [InlineData("copy staging_events from 's3://b/k' iam_role 'arn:aws:iam::123456789012:role/r' format as json 'auto' frobnicate on")]
    public async Task Sqlfluff_finds_what_Redshift_would_refuse(string sql)
    {
        Sqlfluff.Require();
        Write([("refused", sql)]);

        Assert.NotEmpty(await Sqlfluff.UnparsableAsync(_folder));
    }

    /// <summary>Writes each statement to a file of its own, parameters given as values; returns which statement each file holds.</summary>
    private Dictionary<string, string> Write(List<(string Name, string Sql)> statements)
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i < statements.Count; i++)
        {
            var file = $"{i:000}.sql";
            // Values aside: a parameter stands where a value would; sqlfluff reads @name as something else.
            File.WriteAllText(Path.Combine(_folder, file), Parameter().Replace(statements[i].Sql.TrimStart('\uFEFF'), "0").TrimEnd() + "\n");
            files[file] = statements[i].Name;
        }
        return files;
    }

    private DwhConfig RedshiftConfig(string manifestPrefix)
    {
        var path = RedshiftConfigFile.Write(_folder, manifestPrefix: manifestPrefix);
        var config = DwhConfig.Load(path);
        File.Delete(path);
        return config;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
