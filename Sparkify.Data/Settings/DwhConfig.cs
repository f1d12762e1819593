using Npgsql;

namespace Sparkify.Data.Settings;

/// <summary>The settings of <c>dwh.cfg</c>: where the warehouse lives and where its input comes from.</summary>
public sealed record DwhConfig
{
    /// <summary>Environment variable that supplies (or overrides) <c>[CLUSTER] DB_PASSWORD</c>.</summary>
    public const string PasswordVariable = "SPARKIFY_DB_PASSWORD";

    /// <summary>The full path of the file these settings came from.</summary>
    public required string Path { get; init; }

    /// <summary>The database server; null means the embedded PostgreSQL the loader runs itself.</summary>
    public string? Host { get; init; }
    public int Port { get; init; } = 5432;
    public string Database { get; init; } = "sparkify";
    public string User { get; init; } = "postgres";
    public string? Password { get; init; }

    public string? IamRoleArn { get; init; }

    /// <summary>Song metadata: a local directory (resolved against the cfg file's folder).</summary>
    public string? SongData { get; init; }
    /// <summary>Event logs: a local directory (resolved against the cfg file's folder).</summary>
    public string? LogData { get; init; }
    public string? LogJsonPath { get; init; }

    public bool UsesEmbeddedServer => Host is null;

    /// <summary>The folder beside the cfg file where the embedded server keeps its data.</summary>
    public string EmbeddedDataRoot => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, ".sparkify");

    public static DwhConfig Load(string path)
    {
        var ini = IniFile.Load(path);
        var folder = System.IO.Path.GetDirectoryName(ini.Path)!;
        string? Local(string key) => ini.Get("S3", key) is { } value ? System.IO.Path.GetFullPath(value, folder) : null;

        var port = ini.Get("CLUSTER", "DB_PORT");
        return new DwhConfig
        {
            Path = ini.Path,
            Host = ini.Get("CLUSTER", "HOST"),
            Port = port is null ? 5432
                : int.TryParse(port, out var p) && p is > 0 and < 65536 ? p
                : throw new ConfigurationException($"{ini.Path}: [CLUSTER] DB_PORT must be a port number, found '{port}'."),
            Database = ini.Get("CLUSTER", "DB_NAME") ?? "sparkify",
            User = ini.Get("CLUSTER", "DB_USER") ?? "postgres",
            Password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : ini.Get("CLUSTER", "DB_PASSWORD"),
            IamRoleArn = ini.Get("IAM_ROLE", "ARN"),
            SongData = Local("SONG_DATA"),
            LogData = Local("LOG_DATA"),
            LogJsonPath = Local("LOG_JSONPATH"),
        };
    }

    /// <summary>The connection string for a configured server (not the embedded one).</summary>
    public string ConnectionString() =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host ?? throw new InvalidOperationException("The embedded server supplies its own connection string."),
            Port = Port,
            Database = Database,
            Username = User,
            Password = Password,
        }.ConnectionString;

    /// <summary>Finds dwh.cfg: <c>SPARKIFY_CONFIG</c> if set, else the nearest one in this folder or above.</summary>
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable("SPARKIFY_CONFIG") is { Length: > 0 } configured)
            return configured;
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, "dwh.cfg");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new ConfigurationException("No dwh.cfg in this folder or any above it; set SPARKIFY_CONFIG or run from the repository.");
    }
}
