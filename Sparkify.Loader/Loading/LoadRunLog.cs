using Npgsql;
using Sparkify.Loader.Transform;

namespace Sparkify.Loader.Loading;

/// <summary>Writes the run's row in <c>load_runs</c>: at the start, and again at the end however the run ends.</summary>
/// <remarks>Each write commits on its own, outside the load's transactions, so a failed run is still recorded.</remarks>
public sealed class LoadRunLog(NpgsqlConnection connection)
{
    private const int MessageLength = 4096;

    public long RunId { get; private set; }

    public async Task StartAsync(string source, CancellationToken cancellationToken)
    {
        var now = UtcNow();
        await ExecuteAsync("01_load_run_abandon.sql", cancellationToken, ("now", now));
        await ExecuteAsync("02_load_run_start.sql", cancellationToken, ("started_at", now), ("source", source));
        await using var id = Command("03_load_run_id.sql");
        RunId = (long)(await id.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task SucceededAsync(LoadResult result, int files, CancellationToken cancellationToken) =>
        FinishAsync("succeeded", null, files, result.BadRecords, table => result.RowsIn(table), cancellationToken);

    public Task FailedAsync(Exception error, int? files, int badRecords) =>
        FinishAsync("failed", error.Message.Length <= MessageLength ? error.Message : error.Message[..MessageLength], files, badRecords, _ => null,
            CancellationToken.None);

    private Task FinishAsync(string outcome, string? message, int? files, int errors, Func<string, long?> rows, CancellationToken cancellationToken) =>
        ExecuteAsync("04_load_run_finish.sql", cancellationToken,
            ("run_id", RunId), ("finished_at", UtcNow()), ("files", files), ("errors", errors), ("outcome", outcome), ("message", message),
            ("staging_events_rows", rows("staging_events")), ("staging_songs_rows", rows("staging_songs")),
            ("songplays_rows", rows("songplays")), ("users_rows", rows("users")), ("songs_rows", rows("songs")),
            ("artists_rows", rows("artists")), ("time_rows", rows("time")));

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
