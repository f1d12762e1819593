namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// The loader encodes staging rows itself (PostgreSQL's binary COPY format, text kept as UTF-8): every
/// value must arrive in the database exactly as the JSON wrote it.
/// </summary>
public sealed class StagingRoundTripTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-roundtrip-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    [Fact]
    public async Task Every_kind_of_value_arrives_in_staging_as_the_JSON_wrote_it()
    {
        Write("log_data/events.json",
            """{"artist":"Beyonc\u00e9 \"Live\" \\ \/ 🎵","auth":"Logged In","firstName":"Zoë","gender":"F","itemInSession":2147483647,"lastName":"","length":0.000001,"level":"paid","location":"東京","method":"PUT","page":"NextSong","registration":1540344794796.0,"sessionId":-5,"song":"x","ts":1541106106796,"userAgent":null,"userId":"8"}""" + "\n" +
            """{"artist":null,"auth":"Logged Out","itemInSession":0,"length":null,"level":"free","page":"Home","sessionId":52,"song":null,"status":307,"ts":946684800000,"userId":""}""");
        Write("song_data/a/song.json",
            """{"num_songs":1,"artist_id":"ARX","artist_latitude":-33.5,"artist_longitude":null,"artist_location":404,"artist_name":"K\u00e9","song_id":"SOX","title":19.50,"duration":1e2,"year":0}""");
        await using var database = await TestDatabase.CreateMigratedAsync();

        await Warehouse.LoadAsync(database, _input);

        var events = await database.RowsAsync(
            "select artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, " +
            "registration, session_id, song, status, ts, user_agent, user_id from staging_events order by ts desc");
        Assert.Equal(
            ["Beyoncé \"Live\" \\ / 🎵", "Logged In", "Zoë", "F", 2147483647, "", 0.000001, "paid", "東京", "PUT", "NextSong",
             1540344794796.0, -5, "x", null, 1541106106796L, null, "8"],
            events[0]);
        Assert.Equal(
            [null, "Logged Out", null, null, 0, null, null, "free", null, null, "Home", null, 52, null, 307, 946684800000L, null, ""],
            events[1]);
        var song = Assert.Single(await database.RowsAsync(
            "select num_songs, artist_id, artist_latitude, artist_longitude, artist_location, artist_name, song_id, title, duration, year from staging_songs"));
        Assert.Equal([1, "ARX", -33.5, null, "404", "Ké", "SOX", "19.50", 100.0, 0], song);
    }

    [Fact]
    public void A_column_kind_without_a_binary_encoding_fails_naming_the_column_instead_of_writing_a_shifted_row()
    {
        var table = new StagingTable("staging_future", [new StagingColumn("when", "when", (ColumnKind)99)], OneRecordPerLine: true);
        var record = new StagingRecord(table);
        record.SetInteger(0, 1);
        using var rows = new BinaryCopyRows(64, runId: 1);

        var error = Assert.Throws<NotSupportedException>(() => rows.Add(record, fileNumber: 0));

        Assert.Equal("staging_future.when: no binary COPY encoding for column kind 99.", error.Message);
    }

    private void Write(string file, string content)
    {
        var path = Path.Combine(_input, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
