using Npgsql;
using Sparkify.Data.Entities;
using Sparkify.Loader.Model;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Loading;

/// <summary>Writes the run's row in <c>load_runs</c>: when it starts, and again however it ends.</summary>
/// <remarks>Which transaction each write belongs to is the engine's choice: see <see cref="ILoadRunScope"/>.</remarks>
public sealed class LoadRunLog(NpgsqlConnection connection)
{
    private static readonly TextColumn MessageColumn = TextColumn.Of<LoadRun>(nameof(LoadRun.Message));
    private static readonly TextColumn SourceColumn = TextColumn.Of<LoadRun>(nameof(LoadRun.Source));

    /// <summary>On Redshift, the run's first statement in its transaction: a second run waits here.</summary>
    public static PlannedStatement LockLedger { get; } = Statement("04_lock_ledger.sql", "wait for any other run: lock the ledger until this run's transaction ends");
    public static PlannedStatement Abandon { get; } = Statement("05_load_run_abandon.sql", "mark runs whose process died as abandoned");
    public static PlannedStatement Start { get; } = Statement("06_load_run_start.sql", "record this run as running");
    public static PlannedStatement Id { get; } = Statement("07_load_run_id.sql", "learn this run's id: the one run that is running");
    public static PlannedStatement Finish { get; } = Statement("09_load_run_finish.sql", "record how the run ended, and the rows every table holds");
    public static PlannedStatement Failed { get; } = Statement("10_load_run_failed.sql", "record the failed run as a row of its own (its own row was rolled back with it)");

    public long RunId { get; private set; }
    private DateTime _startedAt;
    private string _source = "";

    /// <summary>Marks runs that died as abandoned, records this one as running, and learns its id.</summary>
    public async Task StartAsync(string source, CancellationToken cancellationToken)
    {
        (_startedAt, _source) = (UtcNow(), SourceColumn.Cut(source));
        await connection.ExecuteAsync(Abandon, cancellationToken, PlannedCommands.Parameter("now", _startedAt));
        await connection.ExecuteAsync(Start, cancellationToken, PlannedCommands.Parameter("started_at", _startedAt), PlannedCommands.Parameter("source", _source));
        await using var command = connection.Command(Id);
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

    /// <summary>Completes the run's own row as failed, or interrupted.</summary>
    public Task FailedAsync(Exception error, int? files, int badRecords) =>
        FinishAsync(OutcomeOf(error), Message(error), files, badRecords, _ => null, CancellationToken.None);

    /// <summary>This run's log, written through <paramref name="other"/> (when its own connection is lost).</summary>
    public LoadRunLog On(NpgsqlConnection other) => new(other) { RunId = RunId, _startedAt = _startedAt, _source = _source };

    /// <summary>Records a failed run as a row of its own, for when the run's row was rolled back with its transaction.</summary>
    public Task RecordFailureAsync(Exception error, int? files, int badRecords) =>
        connection.ExecuteAsync(Failed, CancellationToken.None,
            PlannedCommands.Parameter("started_at", _startedAt), PlannedCommands.Parameter("finished_at", UtcNow()),
            PlannedCommands.Parameter("source", _source), PlannedCommands.Parameter("files", files),
            PlannedCommands.Parameter("errors", badRecords), PlannedCommands.Parameter("outcome", OutcomeOf(error)),
            PlannedCommands.Parameter("message", Message(error)));

    private static string OutcomeOf(Exception error) => error is LoadInterruptedException ? "interrupted" : "failed";

    private static string Message(Exception error) =>
        MessageColumn.Cut(error is LoadInterruptedException ? LoadInterruptedException.Recorded : error.Message);

    /// <summary>The load_runs column that holds a table's rows after the run: one for each table of <see cref="WarehouseTables.All"/>; a test holds them in step.</summary>
    public static string RowsColumn(string table) => $"{table}_rows";

    private Task<int> FinishAsync(string outcome, string? message, int? files, int errors, Func<string, long?> rows, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Finish, cancellationToken,
        [
            PlannedCommands.Parameter("run_id", RunId), PlannedCommands.Parameter("finished_at", UtcNow()),
            PlannedCommands.Parameter("files", files), PlannedCommands.Parameter("errors", errors),
            PlannedCommands.Parameter("outcome", outcome), PlannedCommands.Parameter("message", message),
            .. WarehouseTables.All.Select(table => PlannedCommands.Parameter(RowsColumn(table), rows(table))),
        ]);

    /// <summary>Now in UTC, as a plain timestamp: the columns hold UTC and must not depend on the session's time zone.</summary>
    private static DateTime UtcNow() => DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified);

    private static PlannedStatement Statement(string script, string name) => new(name, SqlScripts.LoadRuns.Get(script).Sql);
}
