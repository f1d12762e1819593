using System.Globalization;
using Npgsql;
using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Checks;

/// <summary>Runs the data checks in the caller's transaction and fails on the first one that returns rows.</summary>
/// <remarks>
/// A run checks the rows it wrote, which keeps a daily run's checks as small as its data; a full check (no run)
/// looks at every row. Which checks an engine needs: <see cref="Loading.IWarehouseEngine.Checks"/>.
/// </remarks>
public sealed class DataCheckRunner(NpgsqlConnection connection)
{
    private const int Examples = 5;

    /// <summary>Runs <paramref name="checks"/> on the rows the run <paramref name="runId"/> wrote, or on every row when it is null.</summary>
    public async Task RunAsync(IReadOnlyList<DataCheck> checks, long? runId, CancellationToken cancellationToken = default)
    {
        var facts = new RunFacts { FullCheck = runId is null };
        foreach (var check in checks.Where(c => c.Statement.RunsFor(facts)))
        {
            await using var command = connection.Command(check.Statement,
                new NpgsqlParameter(DataCheck.RunParameter, NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)runId ?? DBNull.Value });
            var examples = new List<string>();
            long violations = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (++violations <= Examples)
                        examples.Add(string.Join(", ", Enumerable.Range(0, reader.FieldCount)
                            .Select(i => $"{reader.GetName(i)}={Format(reader.GetValue(i))}")));
                }
            }
            if (violations > 0)
                throw new DataCheckException(check, violations, examples);
        }
    }

    private static string Format(object value) => value switch
    {
        DBNull => "null",
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
