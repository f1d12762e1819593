using System.Globalization;
using Npgsql;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Checks;

/// <summary>Runs the data checks in the caller's transaction and fails on the first one that returns rows.</summary>
/// <remarks>
/// PostgreSQL enforces keys and foreign keys itself; Redshift only records them. The checks make the
/// same promises hold on both, and catch what no constraint states (levels, date parts, fan-out).
/// </remarks>
public sealed class DataCheckRunner(NpgsqlConnection connection)
{
    private const int Examples = 5;

    public async Task RunAsync(IReadOnlyList<SqlScript> checks, CancellationToken cancellationToken = default)
    {
        foreach (var check in checks)
        {
            await using var command = new NpgsqlCommand(check.Sql, connection) { CommandTimeout = 0 };
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
