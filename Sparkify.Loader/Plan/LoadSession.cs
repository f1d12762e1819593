using Npgsql;

namespace Sparkify.Loader.Plan;

/// <summary>The database sessions of a load, each on a connection of its own, named so the server's logs and views tell them apart.</summary>
public enum LoadSession
{
    /// <summary>On PostgreSQL, the server's maintenance database, to create the warehouse's database when it is missing.</summary>
    Maintenance,

    /// <summary>On PostgreSQL, the session that holds the load lock for the whole run.</summary>
    Lock,

    /// <summary>EF Core's migrator, which brings the schema up to date.</summary>
    Migrations,

    /// <summary>The run itself: its log, its transaction, staging, transforms and checks.</summary>
    Run,
}

public static class LoadSessions
{
    /// <summary>The application name a session's connection reports (pg_stat_activity, the server log's %a).</summary>
    public static string ApplicationName(LoadSession session) => $"sparkify {session.ToString().ToLowerInvariant()}";

    /// <summary><paramref name="connectionString"/> for <paramref name="session"/>: the same server and database, named for the session.</summary>
    public static string ConnectionString(string connectionString, LoadSession session) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplicationName(session) }.ConnectionString;
}
