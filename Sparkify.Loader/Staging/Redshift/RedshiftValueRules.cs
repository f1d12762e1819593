using System.Globalization;
using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>
/// The staging value rules (<see cref="ValueRules"/>) on Redshift: its COPY cannot judge them, so after a table's COPYs one query
/// finds the rows the run staged that break any, and such rows stop the run, which rolls back, as bad input does.
/// </summary>
/// <remarks>
/// Generated from the same <see cref="StagingColumn"/> flags as the parser's checks, in Redshift's documented grammar: POSIX
/// patterns with <c>~</c> and <c>!~</c> and bracket classes such as <c>[[:space:]]</c>
/// (https://docs.aws.amazon.com/redshift/latest/dg/pattern-matching-conditions-posix.html), CASE, and a window count.
/// Two differences from the parser, both Redshift's: trailing blanks in a VARCHAR do not count in comparisons
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html), so <c>"paid "</c> is accepted as <c>paid</c> (and
/// compares equal to it everywhere after); and a number beyond DOUBLE PRECISION's documented range is COPY's to refuse
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_Numeric_types201.html), not this query's. As with the event times, nothing
/// here knows a row's file and line, so the message names the rows and they cannot be skipped under --max-errors.
/// </remarks>
public static class RedshiftValueRules
{
    private const int Examples = 3;

    /// <summary>The query that finds the rows of <paramref name="table"/> this run staged that break a rule; null for a table without rules.</summary>
    public static PlannedStatement? Broken(StagingTable table)
    {
        var rules = Rules(table).ToList();
        if (rules.Count == 0)
            return null;
        var shown = Shown(table);
        var sql = $"""
            -- {table.Name}: the rows this run staged that break the value rules the model gives its columns (the loader's parser
            -- refuses them on PostgreSQL), with their count; Redshift's COPY cannot judge them, so the run looks after it.
            select count(*) over () as broken, problem, {string.Join(", ", shown)}
            from (
                select
                    case
                        {string.Join("\n                ", rules.Select(r => $"when {r.Predicate} then '{r.Problem.Replace("'", "''", StringComparison.Ordinal)}'"))}
                    end as problem,
                    {string.Join(", ", shown)}
                from {table.Name}
                where run_id = @run_id
            ) as judged
            where problem is not null
            limit {Examples}
            """;
        return new PlannedStatement($"find the rows of {table.Name} this run staged that break its value rules", sql)
        {
            When = RunCondition.Only(f => f.RowsStaged(table.Name)),
        };
    }

    /// <summary>Throws the bad-input error that names the rows of <paramref name="table"/> this run staged that break a rule, if any.</summary>
    public static async Task CheckAsync(NpgsqlConnection connection, StagingTable table, StagingRun run, string location, CancellationToken cancellationToken)
    {
        if (Broken(table) is not { } statement || !statement.RunsFor(run.Facts))
            return;
        await using var command = connection.Command(statement, PlannedCommands.Parameter("run_id", run.RunId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (count, examples) = (0L, new List<string>(Examples));
        var shown = Shown(table);
        while (await reader.ReadAsync(cancellationToken))
        {
            count = reader.GetInt64(0);
            var values = shown.Select((name, i) => $"{name} {Literal(reader.GetValue(i + 2))}");
            examples.Add($"{reader.GetString(1)} ({string.Join(", ", values)})");
        }
        if (count > 0)
            throw new InputException(location, 0, $"{count.ToString("N0", CultureInfo.InvariantCulture)} staged row(s) of {table.Name} break its value " +
                $"rules, such as: {string.Join("; ", examples)}. Redshift's COPY does not say which file holds them: look for these records in the " +
                "input and fix or remove them.");
    }

    private sealed record Rule(string Predicate, string Problem);

    /// <summary>Each rule as a predicate that holds for a row breaking it, in the parser's order, with the words the parser would use.</summary>
    private static IEnumerable<Rule> Rules(StagingTable table)
    {
        foreach (var c in table.Columns.Where(c => c.IsIdentifier))
            yield return new($"{c.Name} is null or {c.Name} !~ '^[^[:space:]]' or {c.Name} ~ '[[:space:]]$'",
                $"\"{c.JsonKey}\" is not an identifier (null, empty or with space around it)");
        foreach (var c in table.Columns.Where(c => c.IsWholeNumberText))
            yield return new($"{c.Name} !~ '^(0|[1-9][0-9]{{0,9}})?$' or length({c.Name}) = 10 and {c.Name} > '{ValueRules.LargestWholeNumber}'",
                $"\"{c.JsonKey}\" is neither empty nor a whole number from 0 to {ValueRules.LargestWholeNumber} in plain digits");
        foreach (var c in table.Columns.Where(c => c.AcceptedValues is not null))
            yield return new($"{c.Name} not in ({string.Join(", ", c.AcceptedValues!.Select(Quote))})",
                $"\"{c.JsonKey}\" is not one of {string.Join(", ", c.AcceptedValues!)}");
        foreach (var c in table.Columns.Where(c => c.RequiredWhere is not null))
        {
            var where = c.RequiredWhere!;
            var empty = c.Kind == ColumnKind.Text ? $" or {c.Name} = ''" : "";
            yield return new($"{where.Column} = {Quote(where.Value)} and ({c.Name} is null{empty})",
                $"\"{c.JsonKey}\" has no value on a record whose {where.Column} is {where.Value}");
        }
    }

    /// <summary>The columns an example shows: every column a rule reads, in table order.</summary>
    private static IReadOnlyList<string> Shown(StagingTable table) =>
    [
        .. table.Columns
            .Where(c => c.IsIdentifier || c.IsWholeNumberText || c.AcceptedValues is not null || c.RequiredWhere is not null
                || table.Columns.Any(o => o.RequiredWhere?.Column == c.Name))
            .Select(c => c.Name),
    ];

    private static string Quote(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string Literal(object value) => value switch
    {
        DBNull => "null",
        string text => $"'{(text.Length <= 40 ? text : text[..40] + "…")}'",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
