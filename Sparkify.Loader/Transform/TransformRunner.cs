using System.Diagnostics;
using Npgsql;

namespace Sparkify.Loader.Transform;

/// <summary>The outcome of one transform statement.</summary>
public readonly record struct TransformStep(SqlScript Script, long RowsAffected, TimeSpan Elapsed);

/// <summary>Runs the transform statements in order, in the caller's transaction: dimensions, then the fact.</summary>
public sealed class TransformRunner(NpgsqlConnection connection)
{
    public async Task<IReadOnlyList<TransformStep>> RunAsync(IReadOnlyList<SqlScript> scripts, Action<TransformStep>? onStep = null,
        CancellationToken cancellationToken = default)
    {
        var steps = new List<TransformStep>(scripts.Count);
        foreach (var script in scripts)
        {
            var clock = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(script.Sql, connection) { CommandTimeout = 0 };
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
