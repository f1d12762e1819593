using Npgsql;

namespace Sparkify.Loader.Loading;

/// <summary>Failure handling whose own failure must not hide the error being handled.</summary>
internal static class BestEffort
{
    /// <summary>Runs <paramref name="step"/>, ignoring a failure of the database, the connection or the network: false when one happened.</summary>
    public static async Task<bool> RunAsync(Func<Task> step)
    {
        try
        {
            await step();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}
