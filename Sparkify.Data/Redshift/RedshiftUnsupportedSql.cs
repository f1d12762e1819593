using System.Text.RegularExpressions;

namespace Sparkify.Data.Redshift;

/// <summary>One PostgreSQL construct that Amazon Redshift does not accept, how to spot it, and the AWS page that says so.</summary>
public sealed record UnsupportedConstruct(string Name, Regex Pattern, string Documentation);

/// <summary>
/// The single list of PostgreSQL constructs that Redshift rejects (or silently changes). The Redshift
/// DDL generator refuses to emit them, and tests check every statement of the Redshift plan against it.
/// </summary>
public static class RedshiftUnsupportedSql
{
    private const string Docs = "https://docs.aws.amazon.com/redshift/latest/dg/";

    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static IReadOnlyList<UnsupportedConstruct> Constructs { get; } =
    [
        new("INSERT … ON CONFLICT", Pattern(@"\bon\s+conflict\b"), Docs + "r_INSERT_30.html"),
        new("SELECT DISTINCT ON", Pattern(@"\bdistinct\s+on\s*\("), Docs + "r_SELECT_list.html"),
        new("GENERATED … AS IDENTITY (Redshift: IDENTITY(seed, step))", Pattern(@"\bgenerated\s+(always|by\s+default)\s+as\s+identity\b"), Docs + "r_CREATE_TABLE_NEW.html"),
        new("SERIAL types", Pattern(@"\b(small|big)?serial\b"), Docs + "c_unsupported-postgresql-datatypes.html"),
        new("CREATE INDEX (Redshift has no indexes)", Pattern(@"\bcreate\s+(unique\s+)?index\b"), Docs + "c_unsupported-postgresql-features.html"),
        new("DO blocks", Pattern(@"(^|;)\s*do\s+(\$|')"), Docs + "c_unsupported-postgresql-features.html"),
        new("E'' escape strings", Pattern(@"(?<![\w'])E'"), Docs + "r_Literals.html"),
        new("unbounded TEXT columns (Redshift makes them VARCHAR(256))", Pattern(@"[""\w]\s+text\s*(,|\)|not\b|null\b|$)"), Docs + "r_Character_types.html"),
        new("JSON/JSONB types", Pattern(@"\bjsonb?\b(?!\s*')"), Docs + "c_unsupported-postgresql-datatypes.html"),
        new("RETURNING", Pattern(@"\breturning\b"), Docs + "r_INSERT_30.html"),
        new("MERGE with a non-table source", Pattern(@"\bmerge\s+into\s+\S+\s+using\s*\("), Docs + "r_MERGE.html"),
        new("UNLOGGED tables", Pattern(@"\bcreate\s+unlogged\b"), Docs + "r_CREATE_TABLE_NEW.html"),
    ];

    /// <summary>The constructs found in <paramref name="sql"/>, ignoring <c>--</c> comments.</summary>
    public static IReadOnlyList<UnsupportedConstruct> FindIn(string sql)
    {
        var code = Regex.Replace(sql, "--[^\n]*", "");
        return Constructs.Where(c => c.Pattern.IsMatch(code)).ToList();
    }
}
