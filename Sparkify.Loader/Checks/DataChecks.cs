using Sparkify.Loader.Loading;
using Sparkify.Loader.Model;
using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Checks;

/// <summary>Every data check: those generated from the model's keys, then the rules the model cannot state (Checks/Sql).</summary>
public static class DataChecks
{
    /// <summary>Every check; each engine runs those it does not enforce itself (<see cref="IWarehouseEngine.Checks"/>).</summary>
    public static IReadOnlyList<DataCheck> All { get; } = Build();

    private static IReadOnlyList<DataCheck> Build() =>
    [
        .. WarehouseModel.Derive(ModelChecks.From),
        .. SqlScripts.Checks.Select(s => new DataCheck(s.Name, Invariant(s.Sql), s.Sql)
        {
            FullCheckOnly = s.Sql.Contains("\n-- scope: full check only", StringComparison.Ordinal),
        }),
    ];

    /// <summary>The invariant, from the check's opening comment: its first sentence.</summary>
    private static string Invariant(string sql)
    {
        var first = sql.TrimStart('\uFEFF').Split('\n')[0].TrimStart('-', ' ');
        var end = first.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? first.TrimEnd('.') : first[..end];
    }
}
