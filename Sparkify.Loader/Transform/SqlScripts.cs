using System.Reflection;

namespace Sparkify.Loader.Transform;

/// <summary>Reads the transform statements embedded from <c>Transform/Sql/*.sql</c>, in file-name order.</summary>
public static class SqlScripts
{
    private const string Prefix = "Sparkify.Loader.Transform.Sql.";

    public static IReadOnlyList<SqlScript> Transforms { get; } = Load();

    private static IReadOnlyList<SqlScript> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new SqlScript(name[Prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }
}
