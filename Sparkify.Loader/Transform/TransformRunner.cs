using System.Diagnostics;
using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Transform;

/// <summary>The outcome of one transform statement.</summary>
public readonly record struct TransformStep(SqlScript Script, long RowsAffected, TimeSpan Elapsed)
{
    /// <summary>For people: the rows written, or "done" for a statement that reports none (creating a rule table).</summary>
    public string Outcome => RowsAffected < 0 ? "done" : $"{RowsAffected:N0} rows";
}

/// <summary>Runs the transform statements in order, in the caller's transaction, for one run's staged rows.</summary>
public sealed class TransformRunner(NpgsqlConnection connection)
{
    public async Task<IReadOnlyList<TransformStep>> RunAsync(IReadOnlyList<TransformStatement> statements, long runId, Action<TransformStep>? onStep = null,
        CancellationToken cancellationToken = default)
    {
        var steps = new List<TransformStep>(statements.Count);
        foreach (var (script, statement) in statements.Select(s => (s.Script, s.Statement)))
        {
            var clock = Stopwatch.StartNew();
            await using var command = script.Sql.Contains("@" + SqlScript.RunParameter, StringComparison.Ordinal)
                ? connection.Command(statement, PlannedCommands.Parameter(SqlScript.RunParameter, runId))
                : connection.Command(statement);
            long rows;
            try
            {
                rows = await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e)
            {
                throw new TransformException(script, e);
            }
            var step = new TransformStep(script, rows, clock.Elapsed);
            steps.Add(step);
            onStep?.Invoke(step);
        }
        return steps;
    }
}
