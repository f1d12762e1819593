using Npgsql;
using Sparkify.Data.Settings;
using Sparkify.Loader.Plan;

namespace Sparkify.Loader.Loading;

/// <summary>The one place that decides how a run is bracketed (serialised, recorded, committed) on each engine.</summary>
public static class LoadRunScopes
{
    public static async Task<ILoadRunScope> BeginAsync(DatabaseEngine engine, NpgsqlConnection connection, string source,
        TimeSpan lockWait, Action<string> onWaiting, CancellationToken cancellationToken) => engine switch
    {
        DatabaseEngine.Redshift => await RedshiftLoadRunScope.BeginAsync(connection, source, lockWait, onWaiting, cancellationToken),
        _ => await PostgresLoadRunScope.BeginAsync(connection, source, cancellationToken),
    };

    /// <summary>The run session's statements that bracket a run on <paramref name="engine"/>, for the plan.</summary>
    public static RunScopePlan PlanFor(DatabaseEngine engine) =>
        engine == DatabaseEngine.Redshift ? RedshiftLoadRunScope.Plan : PostgresLoadRunScope.Plan;

    /// <summary>Runs a step of failure handling whose own failure must not hide the error being handled.</summary>
    internal static async Task BestEffortAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
        }
    }
}
