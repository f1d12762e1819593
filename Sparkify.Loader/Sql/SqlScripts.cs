using System.Reflection;

namespace Sparkify.Loader.Sql;

/// <summary>The SQL statements embedded from the loader's <c>.sql</c> files, folder by folder, each in file-name order.</summary>
/// <remarks>One place for every folder's SQL, below every folder that uses it, so that none has to reach into another for it.</remarks>
public static class SqlScripts
{
    /// <summary>Transform/Sql: the statements that fill the star tables, dimensions before the fact.</summary>
    public static SqlFolder Transforms { get; } = new("Transform/Sql");

    /// <summary>Transform/Cleanup: what the run's transform stage removes once the data checks are done.</summary>
    public static SqlFolder Cleanup { get; } = new("Transform/Cleanup");

    /// <summary>Checks/Sql: the star schema's invariants, each a query that returns the rows violating it.</summary>
    public static SqlFolder Checks { get; } = new("Checks/Sql");

    /// <summary>Loading/Sql: the statements that serialise runs and keep the <c>load_runs</c> log.</summary>
    public static SqlFolder LoadRuns { get; } = new("Loading/Sql");

    /// <summary>Staging/Sql: the ledger of loaded files, the skipped records, and Redshift's load-error log.</summary>
    public static SqlFolder Staging { get; } = new("Staging/Sql");

    /// <summary>Upkeep/Sql: the settings of a run's transaction.</summary>
    public static SqlFolder Upkeep { get; } = new("Upkeep/Sql");

    /// <summary>Reporting/Sql: the queries behind the reports people read, such as the <c>runs</c> verb's.</summary>
    public static SqlFolder Reports { get; } = new("Reporting/Sql");

    /// <summary>Analytics/Sql: the analytic queries of the <c>report</c> verb, in the order it runs them.</summary>
    public static SqlFolder Analytics { get; } = new("Analytics/Sql");

    /// <summary>Every folder, for the test that each of them is embedded and each name asked for is there.</summary>
    public static IReadOnlyList<SqlFolder> All { get; } = [Transforms, Cleanup, Checks, LoadRuns, Staging, Upkeep, Reports, Analytics];

    internal static List<SqlScript> Load(string folder)
    {
        var prefix = "Sparkify.Loader." + folder.Replace('/', '.') + ".";
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
