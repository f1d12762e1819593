using Sparkify.Loader.Model;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>A staging table and its columns, in table order.</summary>
/// <remarks>
/// Lengths mirror the EF model (Sparkify.Data ColumnTypes); a test checks both against the database.
/// Required keys are the ones the transforms read to match plays, users and songs; every one of
/// them is present on every record of the real data.
/// </remarks>
public sealed record StagingTable(string Name, IReadOnlyList<StagingColumn> Columns, bool OneRecordPerLine)
{
    /// <summary>App events, in the column order of log_json_path.json (Redshift COPY maps JSONPaths by position).</summary>
    public static StagingTable Events { get; } = new(WarehouseTables.StagingEvents,
    [
        new("artist", "artist", ColumnKind.Text, 512) { Required = true },
        new("auth", "auth", ColumnKind.Text, 32),
        new("first_name", "firstName", ColumnKind.Text, 256),
        new("gender", "gender", ColumnKind.Text, 16),
        new("item_in_session", "itemInSession", ColumnKind.Integer) { Required = true },
        new("last_name", "lastName", ColumnKind.Text, 256),
        new("length", "length", ColumnKind.Double) { Required = true },
        new("level", "level", ColumnKind.Text, 16) { Required = true },
        new("location", "location", ColumnKind.Text, 512),
        new("method", "method", ColumnKind.Text, 16),
        new("page", "page", ColumnKind.Text, 32) { Required = true },
        new("registration", "registration", ColumnKind.Double),
        new("session_id", "sessionId", ColumnKind.Integer) { Required = true },
        new("song", "song", ColumnKind.Text, 512) { Required = true },
        new("status", "status", ColumnKind.Integer),
        new("ts", "ts", ColumnKind.BigInt) { Required = true, IsEventTime = true },
        new("user_agent", "userAgent", ColumnKind.Text, 512),
        new("user_id", "userId", ColumnKind.Text, 32) { Required = true },
    ], OneRecordPerLine: true);

    /// <summary>Song metadata; columns are named as the JSON keys (Redshift COPY 'auto').</summary>
    public static StagingTable Songs { get; } = new(WarehouseTables.StagingSongs,
    [
        new("num_songs", "num_songs", ColumnKind.Integer),
        new("artist_id", "artist_id", ColumnKind.Text, 32) { Required = true },
        new("artist_latitude", "artist_latitude", ColumnKind.Double),
        new("artist_longitude", "artist_longitude", ColumnKind.Double),
        new("artist_location", "artist_location", ColumnKind.Text, 512) { NumbersAsText = true },
        new("artist_name", "artist_name", ColumnKind.Text, 512) { Required = true, NumbersAsText = true },
        new("song_id", "song_id", ColumnKind.Text, 32) { Required = true },
        new("title", "title", ColumnKind.Text, 512) { Required = true, NumbersAsText = true },
        new("duration", "duration", ColumnKind.Double) { Required = true },
        new("year", "year", ColumnKind.Integer),
    ], OneRecordPerLine: false);

    /// <summary>Cuts a file of this table's input into records: the event logs are NDJSON, song files hold objects in any layout.</summary>
    /// <param name="onBadLine">For line-by-line input: receives a line that is not one whole object, instead of a throw.</param>
    public void Split(Stream input, string fileName, JsonRecordHandler onRecord, Action<InputException>? onBadLine = null)
    {
        if (OneRecordPerLine)
            JsonRecordSplitter.SplitLines(input, fileName, onRecord, onBadLine);
        else
            JsonRecordSplitter.Split(input, fileName, onRecord);
    }

    /// <summary>The column, after the raw ones, that holds the run which staged each row: a run transforms only its own rows.</summary>
    public const string RunIdColumn = "run_id";

    /// <summary>The binary COPY statement that fills this table: the raw columns, then the run.</summary>
    public string CopyStatement =>
        $"copy {Name} ({string.Join(", ", Columns.Select(c => c.Name))}, {RunIdColumn}) from stdin (format binary)";
}
