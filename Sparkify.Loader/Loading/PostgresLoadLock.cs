using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;
using Sparkify.Server;

namespace Sparkify.Loader.Loading;

/// <summary>
/// Serialises loads against one PostgreSQL database with a session-level advisory lock, held on a
/// connection of its own for the whole run. A second loader waits for it, saying so, up to a limit.
/// </summary>
/// <remarks>
/// The lock dies with its session, so a loader that is killed cannot leave it behind.
/// https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
/// </remarks>
public sealed class PostgresLoadLock : IAsyncDisposable
{
    /// <summary>The advisory lock key: "SPKFLOAD" in ASCII. Advisory locks are per database.</summary>
    public const long Key = 0x53504B464C4F4144;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static PlannedStatement TryLock { get; } = new("take the load lock (a session-level advisory lock), or learn that another load holds it",
        SqlScripts.LoadRuns.Get("01_advisory_lock_try.sql").Sql) { Repeats = "every 0.5 s while another load holds it, up to --lock-timeout" };

    public static PlannedStatement Holder { get; } = new("name the load that holds it, to say what this one waits for",
        SqlScripts.LoadRuns.Get("02_advisory_lock_holder.sql").Sql) { When = RunCondition.Only(f => f.LockHeldElsewhere), Repeats = "after each failed attempt" };

    public static PlannedStatement Unlock { get; } = new("release the load lock (ending the session would too)", SqlScripts.LoadRuns.Get("11_advisory_lock_release.sql").Sql);
    private readonly UnpooledSession _session;

    private PostgresLoadLock(UnpooledSession session) => _session = session;

    public static async Task<PostgresLoadLock> AcquireAsync(string connectionString, TimeSpan wait, Action<string> onWaiting, RunFacts facts,
        CancellationToken cancellationToken)
    {
        // Unpooled: the lock must end with this session, never linger in a pooled one.
        var session = await UnpooledSession.OpenAsync(LoadSessions.ConnectionString(connectionString, LoadSession.Lock), cancellationToken);
        var connection = session.Connection;
        try
        {
            var deadline = DateTime.UtcNow + wait;
            var told = false;
            while (!await TryLockAsync(connection, cancellationToken))
            {
                facts.LockHeldElsewhere = true;
                var holder = await HolderAsync(connection, cancellationToken);
                if (DateTime.UtcNow >= deadline)
                    throw new LoadLockedException(
                        $"Another load is running against database {connection.Database} ({holder}); it did not finish within {wait.TotalSeconds:N0} s. " +
                        "Try again when it has finished, or wait longer with --lock-timeout SECONDS.");
                if (!told)
                {
                    onWaiting($"Another load is running against database {connection.Database} ({holder}); waiting up to {wait.TotalSeconds:N0} s for it to finish.");
                    told = true;
                }
                await Task.Delay(Poll, cancellationToken);
            }
            return new PostgresLoadLock(session);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.Connection.ExecuteAsync(Unlock, CancellationToken.None, PlannedCommands.Parameter("key", Key));
        }
        finally
        {
            await _session.DisposeAsync(); // ends the session, which releases the lock in any case
        }
    }

    private static Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.ScalarAsync<bool>(TryLock, cancellationToken, PlannedCommands.Parameter("key", Key));

    private static async Task<string> HolderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(Holder,
            PlannedCommands.Parameter("high", (long)(Key >> 32)), PlannedCommands.Parameter("low", Key & 0xFFFFFFFF));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? $"backend pid {reader.GetInt32(0)} from {reader.GetString(2)}, connected since {reader.GetDateTime(1):u}"
            : "it has just finished";
    }
}
