using System.Globalization;
using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>
/// The plausible event times on Redshift. Its COPY cannot refuse a value by range, so after the events' COPY the run
/// looks at the rows it staged: any event outside the window stops the run, which rolls back, as bad input does.
/// </summary>
/// <remarks>
/// Unlike PostgreSQL, where the loader parses every line, nothing here knows which file or line a staged row came
/// from, so the message names the events instead (time, user, session) and such an event cannot be skipped under
/// --max-errors: it has no file and line to keep in load_errors.
/// </remarks>
public static class RedshiftEventTimes
{
    private const int Examples = 3;

    /// <summary>After the events' COPY, which cannot refuse a value by range.</summary>
    public static PlannedStatement Outside { get; } = new("find the events this run staged whose ts lies outside the plausible event times",
        SqlScripts.Staging.Get("redshift_event_times_outside.sql").Sql)
    {
        When = RunCondition.Only(f => f.RowsStaged(StagingTable.Events.Name)),
    };

    /// <summary>Throws the bad-input error that names the events of this run outside <see cref="StagingRun.EventTimes"/>, if any.</summary>
    public static async Task CheckAsync(NpgsqlConnection connection, StagingRun run, string location, CancellationToken cancellationToken)
    {
        var window = run.EventTimes;
        await using var command = connection.Command(Outside, PlannedCommands.Parameter("run_id", run.RunId),
            PlannedCommands.Parameter("earliest", window.FromMilliseconds), PlannedCommands.Parameter("latest", window.ToMilliseconds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (count, examples) = (0L, new List<string>(Examples));
        while (await reader.ReadAsync(cancellationToken))
        {
            count = reader.GetInt64(0);
            examples.Add(Describe(reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        }
        if (count > 0)
            throw new InputException(location, 0, $"{count.ToString("N0", CultureInfo.InvariantCulture)} staged event(s) have a \"ts\" outside the " +
                $"plausible event times ({window}; [S3] EARLIEST_EVENT, LATEST_EVENT), such as {string.Join("; ", examples)}. Redshift's COPY " +
                "does not say which file holds them: look for these events in the logs and fix or remove them.");
    }

    /// <summary>The time a ts stands for, where it is one .NET can show (years 1 to 9999).</summary>
    private static string When(long ms) => ms is >= -62_135_596_800_000 and <= 253_402_300_799_999
        ? $" ({DateTimeOffset.FromUnixTimeMilliseconds(ms):yyyy-MM-dd HH:mm:ss} UTC)"
        : "";

    private static string Describe(long? ts, string user, int? session, int? item) =>
        (ts is { } ms ? $"ts {ms.ToString(CultureInfo.InvariantCulture)}{When(ms)}" : "ts null") +
        $" of user '{user}', session {session?.ToString(CultureInfo.InvariantCulture) ?? "null"}, item {item?.ToString(CultureInfo.InvariantCulture) ?? "null"}";
}
