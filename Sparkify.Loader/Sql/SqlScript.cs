namespace Sparkify.Loader.Sql;

/// <summary>One SQL statement from an embedded <c>.sql</c> file (or generated), with a name for errors and reports.</summary>
public sealed record SqlScript(string Name, string Sql)
{
    /// <summary>The parameter the transforms take: the run whose staged rows they read and whose id they write.</summary>
    public const string RunParameter = "run_id";

    /// <summary>What the statement writes, from its opening comment: <c>-- users: one row per …</c> → <c>users</c>.</summary>
    public string Subject
    {
        get
        {
            var first = Sql.TrimStart('\uFEFF').Split('\n')[0];
            var colon = first.IndexOf(':', StringComparison.Ordinal);
            return first.StartsWith("-- ", StringComparison.Ordinal) && colon > 3 ? first[3..colon] : "";
        }
    }
}
