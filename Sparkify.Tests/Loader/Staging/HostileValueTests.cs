using System.Text;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// No odd value stalls the pipeline: every field of every staging table, given each of a battery of hostile values, either loads
/// or is bad input named by file and line, which --max-errors can skip. Never a transform or data-check failure, never two rows
/// for one key, so a later run is never stopped by a record an earlier one let in.
/// </summary>
public sealed class HostileValueTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-hostile-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    public static TheoryData<string, string> Fields =>
    [
        .. new[] { StagingTable.Songs, StagingTable.Events }.SelectMany(t => t.Columns.Select(c => (t.Name, c.JsonKey))),
    ];

    private static StagingTable Table(string name) => name == StagingTable.Songs.Name ? StagingTable.Songs : StagingTable.Events;

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Every_hostile_value_of_a_field_loads_or_is_bad_input_at_its_line(string tableName, string key)
    {
        var table = Table(tableName);
        // The valid record first, then one variant per line: each variant shares the valid record's keys (song, user, play), so a
        // variant that got through as a second spelling of a key would make the transforms meet two rows for one.
        var lines = new[] { HostileValues.Valid(table) }.Concat(HostileValues.LiteralsAndMissing.Select(v => HostileValues.With(table, key, v))).ToList();
        var songs = table == StagingTable.Songs ? lines : [HostileValues.Valid(StagingTable.Songs)];
        var events = table == StagingTable.Events ? lines : [HostileValues.Valid(StagingTable.Events)];
        Write("song_data/songs.json", songs);
        Write("log_data/2018-11-01-events.json", events);
        await using var database = await TestDatabase.CreateMigratedAsync();

        var result = await Warehouse.LoadAsync(database, _input, maxErrors: lines.Count);

        var skipped = await database.RowsAsync("select file, line, reason from load_errors order by line");
        Assert.All(skipped, row =>
        {
            Assert.EndsWith(table == StagingTable.Songs ? "songs.json" : "2018-11-01-events.json", (string)row[0]!);
            Assert.InRange((long)row[1]!, 2, lines.Count);
        });
        Assert.Equal(result.BadRecords, skipped.Count);
        // The valid pair always yields its song, artist, user and one play, whatever its variants did (a variant song id that sorts
        // first may take the play: the lowest matching song_id wins).
        Assert.Equal((1L, 1L, 1L, 1L), (await database.ScalarAsync<long>("select count(*) from songs where song_id = 'SOA'"),
            await database.ScalarAsync<long>("select count(*) from artists where artist_id = 'ARA'"),
            await database.ScalarAsync<long>("select count(*) from users where user_id = 8"),
            await database.ScalarAsync<long>("select count(*) from songplays where user_id = 8 and session_id = 139")));
        // And no key made of nothing: a song or artist keyed '' (or ' SOA') is a row no event can mean.
        Assert.Equal(0L, await database.ScalarAsync<long>("""
            select (select count(*) from songs where song_id !~ '^[^[:space:]]' or song_id ~ '[[:space:]]$')
                + (select count(*) from artists where artist_id !~ '^[^[:space:]]' or artist_id ~ '[[:space:]]$')
            """));
    }

    [Fact]
    public void The_battery_covers_every_field_of_both_tables()
    {
        foreach (var table in new[] { StagingTable.Songs, StagingTable.Events })
            foreach (var column in table.Columns)
                Assert.NotEqual(HostileValues.Valid(table), HostileValues.With(table, column.JsonKey, HostileValues.Missing));
    }

    public static TheoryData<string, string, string, string> Refused => new()
    {
        // table, key, value, what the error says
        { "staging_events", "userId", "\"1.0\"", "\"userId\" should be empty or a whole number from 0 to 2147483647 in plain digits" },
        { "staging_events", "userId", "\"99999999999\"", "found the string \"99999999999\"" },
        { "staging_events", "userId", "\" 8\"", "found the string \" 8\"" },
        { "staging_events", "userId", "\"08\"", "found the string \"08\"" },
        { "staging_events", "userId", "\"\"", "\"userId\" should be a value on a record whose \"page\" is \"NextSong\", found the empty string" },
        { "staging_events", "length", "1e400", "\"length\" should be a finite number (a double's range), found the number 1e400" },
        { "staging_events", "level", "\"Paid\"", "\"level\" should be one of \"free\", \"paid\" (case matters), found the string \"Paid\"" },
        { "staging_events", "song", "\"\"", "\"song\" should be a value on a record whose \"page\" is \"NextSong\", found the empty string" },
        { "staging_events", "artist", "null", "\"artist\" should be a value on a record whose \"page\" is \"NextSong\", found null" },
        { "staging_events", "sessionId", "null", "\"sessionId\" should be a value on a record whose \"page\" is \"NextSong\", found null" },
        { "staging_events", "ts", "null", "\"ts\" should be a value on a record whose \"page\" is \"NextSong\", found null" },
        { "staging_songs", "song_id", "\"\"", "\"song_id\" should be an identifier: not null, not empty, no space around it, found the empty string" },
        { "staging_songs", "song_id", "null", "\"song_id\" should be an identifier" },
        { "staging_songs", "artist_id", "\" ARA\"", "found the string \" ARA\"" },
        { "staging_songs", "artist_id", "\"ARA\\n\"", "\"artist_id\" should be an identifier" },
        { "staging_songs", "duration", "-1e400", "\"duration\" should be a finite number" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_value_the_transforms_could_not_use_is_refused_with_its_line(string tableName, string key, string literal, string said)
    {
        var error = Assert.Throws<InputException>(() => Parse(Table(tableName), HostileValues.Valid(Table(tableName)) + "\n" + HostileValues.With(Table(tableName), key, literal)));

        Assert.Equal(("input.json", 2L), (error.File, error.Line));
        Assert.Contains(said, error.Problem);
    }

    [Fact]
    public void A_song_with_every_value_null_is_refused()
    {
        var nulls = "{" + string.Join(",", StagingTable.Songs.Columns.Select(c => $"\"{c.JsonKey}\":null")) + "}";

        var error = Assert.Throws<InputException>(() => Parse(StagingTable.Songs, nulls));

        Assert.Contains("should be an identifier", error.Problem);
    }

    [Theory]
    [InlineData("userId", "\"\"")] // a visitor who is not logged in
    [InlineData("song", "null")]
    [InlineData("level", "null")]
    public void An_event_that_is_not_a_play_needs_none_of_a_play_s_values(string key, string literal)
    {
        var home = HostileValues.With(StagingTable.Events, "page", "\"Home\"");

        Assert.Single(ParseRows(StagingTable.Events, Reassign(home, key, literal)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2147483647")]
    [InlineData("42")]
    public void A_user_id_in_plain_digits_up_to_the_integer_limit_loads(string id)
    {
        var row = Assert.Single(ParseRows(StagingTable.Events, HostileValues.With(StagingTable.Events, "userId", $"\"{id}\"")));

        Assert.Equal(id, row);
    }

    private static string Reassign(string record, string key, string literal)
    {
        var start = record.IndexOf($"\"{key}\":", StringComparison.Ordinal) + key.Length + 3;
        var end = record.IndexOfAny([',', '}'], start);
        return record[..start] + literal + record[end..];
    }

    private static void Parse(StagingTable table, string content) => _ = ParseRows(table, content);

    private static List<string?> ParseRows(StagingTable table, string content)
    {
        var parser = new RecordParser(table);
        var record = new StagingRecord(table);
        var userId = table.Columns.ToList().FindIndex(c => c.JsonKey == "userId");
        var rows = new List<string?>();
        table.Split(new MemoryStream(Encoding.UTF8.GetBytes(content)), "input.json", (json, line) =>
        {
            parser.Parse(json, "input.json", line, record);
            rows.Add(userId < 0 ? null : record.ValueText(userId));
        });
        return rows;
    }

    private void Write(string relative, IEnumerable<string> lines)
    {
        var path = Path.Combine(_input, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
    }
}
