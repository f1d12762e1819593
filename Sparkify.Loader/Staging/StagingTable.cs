namespace Sparkify.Loader.Staging;

/// <summary>A staging table and its columns, in table order.</summary>
/// <remarks>Lengths mirror the EF model (Sparkify.Data ColumnTypes); a test checks both against the database.</remarks>
public sealed record StagingTable(string Name, IReadOnlyList<StagingColumn> Columns)
{
    /// <summary>App events, in the column order of log_json_path.json (Redshift COPY maps JSONPaths by position).</summary>
    public static StagingTable Events { get; } = new("staging_events",
    [
        new("artist", "artist", ColumnKind.Text, 512),
        new("auth", "auth", ColumnKind.Text, 32),
        new("first_name", "firstName", ColumnKind.Text, 256),
        new("gender", "gender", ColumnKind.Text, 16),
        new("item_in_session", "itemInSession", ColumnKind.Integer),
        new("last_name", "lastName", ColumnKind.Text, 256),
        new("length", "length", ColumnKind.Double),
        new("level", "level", ColumnKind.Text, 16),
        new("location", "location", ColumnKind.Text, 512),
        new("method", "method", ColumnKind.Text, 16),
        new("page", "page", ColumnKind.Text, 32),
        new("registration", "registration", ColumnKind.Double),
        new("session_id", "sessionId", ColumnKind.Integer),
        new("song", "song", ColumnKind.Text, 512),
        new("status", "status", ColumnKind.Integer),
        new("ts", "ts", ColumnKind.BigInt),
        new("user_agent", "userAgent", ColumnKind.Text, 512),
        new("user_id", "userId", ColumnKind.Text, 32),
    ]);

    /// <summary>Song metadata; columns are named as the JSON keys (Redshift COPY 'auto').</summary>
    public static StagingTable Songs { get; } = new("staging_songs",
    [
        new("num_songs", "num_songs", ColumnKind.Integer),
        new("artist_id", "artist_id", ColumnKind.Text, 32),
        new("artist_latitude", "artist_latitude", ColumnKind.Double),
        new("artist_longitude", "artist_longitude", ColumnKind.Double),
        new("artist_location", "artist_location", ColumnKind.Text, 512),
        new("artist_name", "artist_name", ColumnKind.Text, 512),
        new("song_id", "song_id", ColumnKind.Text, 32),
        new("title", "title", ColumnKind.Text, 512),
        new("duration", "duration", ColumnKind.Double),
        new("year", "year", ColumnKind.Integer),
    ]);

    /// <summary>The binary COPY statement that fills this table.</summary>
    public string CopyStatement =>
        $"copy {Name} ({string.Join(", ", Columns.Select(c => c.Name))}) from stdin (format binary)";
}
