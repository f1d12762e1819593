using System.Text;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Staging;

public sealed class ParsingTests
{
    private const string NextSong =
        """{"artist":"Des'ree","auth":"Logged In","firstName":"Kaylee","gender":"F","itemInSession":1,"lastName":"Summers","length":246.30812,"level":"free","location":"Phoenix-Mesa-Scottsdale, AZ","method":"PUT","page":"NextSong","registration":1540344794796.0,"sessionId":139,"song":"You Gotta Be","status":200,"ts":1541106106796,"userAgent":"\"Mozilla\/5.0\"","userId":"8"}""";

    private const string LoggedOutHome =
        """{"artist":null,"auth":"Logged Out","firstName":null,"gender":null,"itemInSession":0,"lastName":null,"length":null,"level":"free","location":null,"method":"GET","page":"Home","registration":null,"sessionId":52,"song":null,"status":200,"ts":1541207073796,"userAgent":null,"userId":""}""";

    private const string Song =
        """{"num_songs":1,"artist_id":"ARA","artist_latitude":null,"artist_longitude":null,"artist_location":"","artist_name":"Band","song_id":"SOA","title":"One","duration":1.5,"year":0}""";

    private static List<Dictionary<string, object?>> Parse(StagingTable table, string content) => Parse(table, Encoding.UTF8.GetBytes(content));

    private static List<Dictionary<string, object?>> Parse(StagingTable table, byte[] content)
    {
        var parser = new RecordParser(table);
        var record = new StagingRecord(table);
        var rows = new List<Dictionary<string, object?>>();
        table.Split(new MemoryStream(content), "input.json", (json, line) =>
        {
            parser.Parse(json, "input.json", line, record);
            rows.Add(table.Columns.Select((c, i) => (c.Name, record.Value(i))).ToDictionary(x => x.Name, x => x.Item2));
        });
        return rows;
    }

    [Fact]
    public void Event_fields_land_in_their_columns_with_their_types()
    {
        var row = Assert.Single(Parse(StagingTable.Events, NextSong));

        Assert.Equal("Des'ree", row["artist"]);
        Assert.Equal(1, row["item_in_session"]);
        Assert.Equal(246.30812, row["length"]);
        Assert.Equal(1540344794796.0, row["registration"]);
        Assert.Equal(139, row["session_id"]);
        Assert.Equal(1541106106796L, row["ts"]);
        Assert.Equal("\"Mozilla/5.0\"", row["user_agent"]);
        Assert.Equal("8", row["user_id"]);
    }

    [Fact]
    public void Logged_out_events_keep_nulls_and_an_empty_user_id()
    {
        var row = Assert.Single(Parse(StagingTable.Events, LoggedOutHome));

        Assert.Null(row["artist"]);
        Assert.Null(row["song"]);
        Assert.Null(row["length"]);
        Assert.Null(row["first_name"]);
        Assert.Equal("", row["user_id"]);
    }

    [Fact]
    public void Escaped_unicode_is_decoded()
    {
        var line = NextSong.Replace("\"Des'ree\"", "\"Beyonc\\u00e9\"").Replace("\"You Gotta Be\"", "\"\\u6771\\u4eac\"");
        var row = Assert.Single(Parse(StagingTable.Events, line));

        Assert.Equal("Beyoncé", row["artist"]);
        Assert.Equal("東京", row["song"]);
    }

    [Fact]
    public void A_file_without_a_final_newline_keeps_its_last_event()
    {
        var rows = Parse(StagingTable.Events, NextSong + "\n" + LoggedOutHome);

        Assert.Equal(2, rows.Count);
        Assert.Equal("Home", rows[1]["page"]);
    }

    [Fact]
    public void Blank_lines_and_carriage_returns_between_events_are_ignored()
    {
        Assert.Equal(2, Parse(StagingTable.Events, NextSong + "\r\n\r\n" + LoggedOutHome + "\r\n").Count);
    }

    [Fact]
    public void Song_files_may_hold_several_objects_in_any_layout()
    {
        Assert.Equal(2, Parse(StagingTable.Songs, Song + Song).Count);
        Assert.Equal(2, Parse(StagingTable.Songs, "[" + Song + ",\n" + Song + "]").Count);
        var prettyPrinted = Song.Replace(",", ",\n  ").Replace("\"One\"", "\"{not a brace}\"");
        Assert.Equal("{not a brace}", Assert.Single(Parse(StagingTable.Songs, prettyPrinted))["title"]);
    }

    [Fact]
    public void Numeric_titles_and_names_are_kept_as_their_literal_text()
    {
        var row = Assert.Single(Parse(StagingTable.Songs,
            Song.Replace("\"Band\"", "1990").Replace("\"One\"", "19.5").Replace("\"artist_location\":\"\"", "\"artist_location\":404")));

        Assert.Equal("1990", row["artist_name"]);
        Assert.Equal("19.5", row["title"]);
        Assert.Equal("404", row["artist_location"]);
    }

    [Fact]
    public void Missing_optional_keys_become_null_and_unknown_keys_are_ignored()
    {
        var row = Assert.Single(Parse(StagingTable.Songs, Song.Replace("\"year\":0", "\"extra\":{\"nested\":[1,2]}")));

        Assert.Equal("SOA", row["song_id"]);
        Assert.Null(row["year"]);
    }

    [Fact]
    public void A_missing_required_key_names_it()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, NextSong.Replace("\"sessionId\":139,", "")));

        Assert.Contains("no \"sessionId\" key", error.Message);
    }

    [Fact]
    public void A_number_where_text_is_expected_names_the_key()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, NextSong.Replace("\"userId\":\"8\"", "\"userId\":8")));

        Assert.Contains("\"userId\" should be text, found the number 8", error.Message);
    }

    [Fact]
    public void A_binary_file_is_reported_as_not_JSON()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Songs, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]));

        Assert.Contains("expected a JSON object, found 'byte 0x89'", error.Message);
    }

    [Fact]
    public void A_malformed_line_is_reported_with_its_file_and_line()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, NextSong + "\n" + LoggedOutHome + "\n{\"artist\": nope}\n"));

        Assert.Equal(("input.json", 3L), (error.File, error.Line));
        Assert.Contains("malformed JSON", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_reported_at_the_line_its_last_object_starts()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, NextSong + "\n" + LoggedOutHome[..40]));

        Assert.Equal(2, error.Line);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_timestamp_written_as_a_string_names_the_key()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, """{"ts":"1541106106796"}"""));

        Assert.Contains("\"ts\" should be a whole number", error.Message);
    }

    [Fact]
    public void A_value_longer_than_its_column_names_key_and_limit()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, $$"""{"level":"{{new string('x', 17)}}"}"""));

        Assert.Contains("\"level\" is 17 bytes long in UTF-8; column level holds at most 16", error.Message);
    }

    [Fact]
    public void Column_limits_count_UTF8_bytes_as_Redshift_does_not_characters()
    {
        // 'é' is two bytes: eight fit in varchar(16) on Redshift, nine do not, though PostgreSQL's varchar(16) would hold sixteen.
        string WithMethod(int characters) => NextSong.Replace("\"method\":\"PUT\"", $"\"method\":\"{new string('é', characters)}\"");

        var eight = Assert.Single(Parse(StagingTable.Events, WithMethod(8)));
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, WithMethod(9)));

        Assert.Equal(new string('é', 8), eight["method"]);
        Assert.Contains("\"method\" is 18 bytes long in UTF-8; column method holds at most 16", error.Message);
    }

    [Fact]
    public void An_escaped_NUL_character_is_reported_not_sent_to_the_database()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, NextSong + "\n" + NextSong.Replace("You Gotta Be", "You\\u0000Be")));

        Assert.Equal(2, error.Line);
        Assert.Contains("\"song\" holds a NUL character", error.Message);
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_reported()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, NextSong.Replace("You Gotta Be", "\\ud800")));

        Assert.Contains("\"song\" holds an escape that is not valid Unicode", error.Message);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_reported_at_its_line()
    {
        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, NextSong + "\nnot json\n"));

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Invalid_utf8_is_reported_not_loaded()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"artist\":\"ab\"}").ToList();
        bytes.Insert(12, 0xFF);

        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Events, bytes.ToArray()));

        Assert.Equal(1, error.Line);
        Assert.Contains("\"artist\" holds invalid UTF-8", error.Message);
    }

    [EndToEnd("reads the real data set")]
    [Fact]
    public void Real_event_logs_parse_to_every_event_with_their_edge_cases()
    {
        var files = LocalFolderWalk.List(Path.Combine(DataPaths.RequireRealData(), "log_data"), "LOG_DATA").Files.Select(f => f.Name).ToList();
        var rows = files.SelectMany(file => Parse(StagingTable.Events, File.ReadAllBytes(file))).ToList();

        Assert.Equal(30, files.Count);
        Assert.Equal(8_056, rows.Count);
        Assert.Equal(6_820, rows.Count(r => (string?)r["page"] == "NextSong"));
        Assert.Contains(rows, r => (string?)r["page"] != "NextSong" && r["artist"] is null && r["song"] is null);
        Assert.Contains(rows, r => (string?)r["user_id"] == "");
        Assert.Contains(rows, r => r["artist"] is string artist && !artist.All(char.IsAscii));
    }
}
