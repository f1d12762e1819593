using System.Diagnostics;
using Npgsql;

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
    public async Task<IReadOnlyList<TransformStep>> RunAsync(IReadOnlyList<SqlScript> scripts, long runId, Action<TransformStep>? onStep = null,
        CancellationToken cancellationToken = default)
    {
        var steps = new List<TransformStep>(scripts.Count);
        foreach (var script in scripts)
        {
            var clock = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(script.Sql, connection) { CommandTimeout = 0 };
            if (script.Sql.Contains("@" + SqlScript.RunParameter, StringComparison.Ordinal))
                command.Parameters.AddWithValue(SqlScript.RunParameter, runId);
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
