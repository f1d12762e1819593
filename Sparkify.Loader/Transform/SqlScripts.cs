using System.Reflection;

namespace Sparkify.Loader.Transform;

/// <summary>Reads the SQL statements embedded from the loader's <c>.sql</c> files, in file-name order.</summary>
public static class SqlScripts
{
    /// <summary>Transform/Sql: the statements that fill the star tables, dimensions before the fact.</summary>
    public static IReadOnlyList<SqlScript> Transforms { get; } = Load("Sparkify.Loader.Transform.Sql.");

    /// <summary>Transform/Cleanup: what the run's transform stage removes once the data checks are done.</summary>
    public static IReadOnlyList<SqlScript> Cleanup { get; } = Load("Sparkify.Loader.Transform.Cleanup.");

    /// <summary>Checks/Sql: the star schema's invariants, each a query that returns the rows violating it.</summary>
    public static IReadOnlyList<SqlScript> Checks { get; } = Load("Sparkify.Loader.Checks.Sql.");

    /// <summary>Loading/Sql: the statements that keep the <c>load_runs</c> log.</summary>
    public static IReadOnlyList<SqlScript> LoadRuns { get; } = Load("Sparkify.Loader.Loading.Sql.");

    /// <summary>Staging/Sql: the statements that keep the ledger of loaded files.</summary>
    public static IReadOnlyList<SqlScript> Staging { get; } = Load("Sparkify.Loader.Staging.Sql.");

    /// <summary>Reporting/Sql: the queries behind the reports people read, such as the <c>runs</c> verb's.</summary>
    public static IReadOnlyList<SqlScript> Reports { get; } = Load("Sparkify.Loader.Reporting.Sql.");

    /// <summary>Analytics/Sql: the analytic queries of the <c>report</c> verb, in the order it runs them.</summary>
    public static IReadOnlyList<SqlScript> Analytics { get; } = Load("Sparkify.Loader.Analytics.Sql.");

    private static List<SqlScript> Load(string prefix)
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new SqlScript(name[prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }
}
