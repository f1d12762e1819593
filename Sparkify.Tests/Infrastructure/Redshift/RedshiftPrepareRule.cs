using System.Text.RegularExpressions;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// Where the stand-in lets a statement carry bind parameters: Redshift's PREPARE takes "any SELECT, INSERT, UPDATE, or DELETE
/// statement" (https://docs.aws.amazon.com/redshift/latest/dg/r_PREPARE.html), and the guide documents them nowhere else, so a
/// cluster may refuse them in CREATE TABLE AS or MERGE. Written here apart from the loader's own rule, which it checks.
/// </summary>
public static partial class RedshiftPrepareRule
{
    public static string? Refusal(string sql, int parameterCount) =>
        parameterCount == 0 || FirstWord().Match(Comments().Replace(sql, " ")).Groups[1].Value.ToLowerInvariant() is "select" or "insert" or "update" or "delete"
            ? null
            : $"Redshift documents bind parameters only in SELECT, INSERT, UPDATE and DELETE (PREPARE); this statement has {parameterCount}: " +
              sql.Trim().Split('\n')[0];

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"^[\s(]*([A-Za-z]+)")]
    private static partial Regex FirstWord();
}
