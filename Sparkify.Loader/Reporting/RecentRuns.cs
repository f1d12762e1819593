using Npgsql;
using Sparkify.Loader.Model;
using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Reporting;

/// <summary>Reads the latest runs from <c>load_runs</c>, with the rows each added to every table.</summary>
public static class RecentRuns
{
    private static readonly SqlScript Query = SqlScripts.Reports.Get("recent_runs.sql");

    /// <summary>The last <paramref name="count"/> runs, the latest first; none when no load has created <c>load_runs</c> yet.</summary>
    public static async Task<IReadOnlyList<RecordedRun>> ReadAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Query.Sql, connection);
        command.Parameters.AddWithValue("last", count);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var runs = new List<RecordedRun>();
            while (await reader.ReadAsync(cancellationToken))
                runs.Add(Read(reader));
            return runs;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The first load creates the schema: before it, an empty warehouse is not an error.
            return [];
        }
    }

    private static RecordedRun Read(NpgsqlDataReader reader)
    {
        T? Value<T>(string column) => reader.GetOrdinal(column) is var i && reader.IsDBNull(i) ? default : reader.GetFieldValue<T>(i);
        return new(
            Value<long>("run_id"),
            Value<DateTime>("started_at"),
            Value<DateTime?>("finished_at"),
            Value<string>("source")!,
            Value<int?>("files"),
            [.. WarehouseTables.All.Select(table => (table, Value<long?>($"{table}_added")))],
            Value<int>("errors"),
            Value<string>("outcome")!,
            Value<string>("message"));
    }
}
