using Npgsql;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Plan;
using Sparkify.Server;
using Sparkify.Settings;

namespace Sparkify.Loader.Cli;

/// <summary>Prints a <see cref="LoadPlan"/> as a SQL script people can read (and run by hand), secrets masked.</summary>
internal static class PlanPrinter
{
    public static void Write(TextWriter output, DwhConfig config, IWarehouseEngine engine, IReadOnlyList<PlanStep> plan)
    {
        output.WriteLine($"-- Sparkify load plan: engine {engine.Name}, target {Target(config)}");
        output.WriteLine("-- Built without connecting: every statement the load may run, in its order, each on the session named in brackets");
        output.WriteLine("-- (sessions: " + string.Join(", ", plan.Select(s => s.Session).Distinct().Select(LoadSessions.ApplicationName)) +
                         "), with when it runs if not on every run. Staging, transforms and checks commit in one transaction.");
        var number = 0;
        foreach (var (session, part, statement) in plan)
        {
            output.WriteLine();
            output.WriteLine($"-- {++number}. [{LoadSessions.ApplicationName(session)}] {part}: {statement.Described}");
            var sql = statement.Sql.TrimStart('\uFEFF').TrimEnd();
            output.WriteLine(sql.EndsWith(';') ? sql : sql + ";");
        }
    }

    /// <summary>The target as a connection string with the password masked; the embedded server has none.</summary>
    private static string Target(DwhConfig config)
    {
        if (config.UsesEmbeddedServer)
            return $"the embedded PostgreSQL (data in {EmbeddedDataFolder.For(config)})";
        var masked = new NpgsqlConnectionStringBuilder(config.ConnectionString());
        if (!string.IsNullOrEmpty(masked.Password))
            masked.Password = "********";
        return masked.ConnectionString;
    }
}
