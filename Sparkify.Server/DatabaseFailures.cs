using System.Net.Sockets;
using Npgsql;
using Sparkify.Settings;

namespace Sparkify.Server;

/// <summary>
/// The failures to reach or use the database that people fix in dwh.cfg or on the server, each as one line that says
/// what to do: stated once for the loader's error report and for <c>dotnet ef</c>.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>The line for <paramref name="e"/>, or null when it is none of these.</summary>
    public static string? Explain(Exception e) => e switch
    {
        PostgresException { SqlState: "28P01" or "28000" } => $"error (database): {Said(e)} " +
            $"Check [CLUSTER] DB_USER, and set the password in {DwhConfig.PasswordVariable} (or [CLUSTER] DB_PASSWORD).",
        PostgresException { SqlState: "3D000" } => $"error (database): {Said(e)} " +
            "On PostgreSQL the loader creates it when its user may (CREATEDB); on Redshift create it first (CREATE DATABASE), or set [CLUSTER] DB_NAME to one that exists.",
        // disk_full: PostgreSQL could not extend a file; the transaction is rolled back and the server keeps running.
        PostgresException { SqlState: "53100" } => $"error (database): {Said(e)} The database server's disk is full; nothing was changed. " +
            "Free space on it (the file named is where its data lives), then run again.",
        PostgresException { SqlState: "42501" } => $"error (database permission): {Said(e)} Grant the loader's user what it needs, or use another [CLUSTER] DB_USER.",
        NpgsqlException { InnerException: SocketException or TimeoutException } => $"error (database unreachable): {e.Message}. " +
            "Start the server, or fix [CLUSTER] HOST and DB_PORT in dwh.cfg (an empty HOST uses the embedded PostgreSQL).",
        EmbeddedServerException => $"error (embedded PostgreSQL): {e.Message}",
        WarehouseMissingException => $"error (database): {e.Message}",
        _ => null,
    };

    /// <summary>
    /// What the server said, on one line: a <see cref="PostgresException"/>'s Message adds lines (POSITION, and the
    /// like) after its text, so it is its code and text alone.
    /// </summary>
    public static string Said(Exception e) => e is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}." : e.Message;
}
