using Npgsql;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>Writes the run's row in <c>load_runs</c>: when it starts, and again however it ends.</summary>
/// <remarks>Which transaction each write belongs to is the engine's choice: see <see cref="ILoadRunScope"/>.</remarks>
public sealed class LoadRunLog(NpgsqlConnection connection)
{
    private const int MessageLength = 4096;

    public long RunId { get; private set; }
    private DateTime _startedAt;
    private string _source = "";

    /// <summary>Marks runs that died as abandoned, records this one as running, and learns its id.</summary>
    public async Task StartAsync(string source, CancellationToken cancellationToken)
    {
        (_startedAt, _source) = (UtcNow(), source);
        await ExecuteAsync("02_load_run_abandon.sql", cancellationToken, ("now", _startedAt));
        await ExecuteAsync("03_load_run_start.sql", cancellationToken, ("started_at", _startedAt), ("source", source));
        await using var command = Command("04_load_run_id.sql");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var running = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
            running.Add(reader.GetInt64(0));
        RunId = running is [var id]
            ? id
            : throw new InvalidOperationException($"load_runs holds {running.Count} running runs where the load lock allows one: {string.Join(", ", running)}.");
    }

    public Task SucceededAsync(LoadResult result, int files, CancellationToken cancellationToken) =>
        FinishAsync("succeeded", null, files, result.BadRecords, table => result.RowsIn(table), cancellationToken);

    /// <summary>Completes the run's own row as failed.</summary>
    public Task FailedAsync(Exception error, int? files, int badRecords) =>
        FinishAsync("failed", Message(error), files, badRecords, _ => null, CancellationToken.None);

    /// <summary>Records a failed run as a row of its own, for when the run's row was rolled back with its transaction.</summary>
    public Task RecordFailureAsync(Exception error, int? files, int badRecords) =>
        ExecuteAsync("06_load_run_failed.sql", CancellationToken.None,
            ("started_at", _startedAt), ("finished_at", UtcNow()), ("source", _source), ("files", files), ("errors", badRecords),
            ("message", Message(error)));

    private static string Message(Exception error) => error.Message.Length <= MessageLength ? error.Message : error.Message[..MessageLength];

    /// <remarks>load_runs has a <c>{table}_rows</c> column for each table of <see cref="WarehouseTables.All"/>; a test holds them in step.</remarks>
    private Task FinishAsync(string outcome, string? message, int? files, int errors, Func<string, long?> rows, CancellationToken cancellationToken) =>
        ExecuteAsync("05_load_run_finish.sql", cancellationToken,
        [
            ("run_id", RunId), ("finished_at", UtcNow()), ("files", files), ("errors", errors), ("outcome", outcome), ("message", message),
            .. WarehouseTables.All.Select(table => ($"{table}_rows", (object?)rows(table))),
        ]);

    /// <summary>Now in UTC, as a plain timestamp: the columns hold UTC and must not depend on the session's time zone.</summary>
    private static DateTime UtcNow() => DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified);

    private async Task ExecuteAsync(string script, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(script);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string script) =>
        new(SqlScripts.LoadRuns.Single(s => s.Name == script).Sql, connection);
}
