using System.Text;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Staging;

/// <summary>
/// Bad input stops the load with a message naming file, line and problem, and leaves every table as
/// it was; with --max-errors the run skips up to that many bad records into load_errors instead.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const string GoodEvent =
        """{"artist":"Des'ree","auth":"Logged In","firstName":"Kaylee","gender":"F","itemInSession":1,"lastName":"Summers","length":246.30812,"level":"free","location":"Phoenix-Mesa-Scottsdale, AZ","method":"PUT","page":"NextSong","registration":1540344794796.0,"sessionId":139,"song":"You Gotta Be","status":200,"ts":1541106106796,"userAgent":"Mozilla","userId":"8"}""";

    /// <summary>Each bad input: the file it goes into, how, and what the error must say.</summary>
    public static TheoryData<string> Cases => new(BadCases.Keys);

    private static readonly Dictionary<string, (string File, bool Append, byte[] Content, string Problem)> BadCases = new()
    {
        ["malformed JSON line"] = (LastLogFile, true, Bytes("{\"artist\": oops}"), "malformed JSON"),
        ["truncated file"] = (LastLogFile, true, Bytes("{\"sessionId\": 1, \"page\": \"NextSong\""), "truncated"),
        ["a cut-off line that ends in a brace"] = (LastLogFile, true, Bytes("{\"sessionId\": 1, \"extra\": {\"page\": \"NextSong\"}"), "malformed JSON"),
        ["two objects on one line"] = (LastLogFile, true, Bytes(GoodEvent + GoodEvent), "more than one JSON value"),
        ["ts as a string"] = (LastLogFile, true, Bytes(GoodEvent.Replace("1541106106796", "\"1541106106796\"")), "\"ts\" should be a whole number"),
        ["a number where text is expected"] = (LastLogFile, true, Bytes(GoodEvent.Replace("\"userId\":\"8\"", "\"userId\":8")), "\"userId\" should be text"),
        ["a missing field"] = (LastLogFile, true, Bytes(GoodEvent.Replace("\"sessionId\":139,", "")), "no \"sessionId\" key"),
        ["an escaped NUL character"] = (LastLogFile, true, Bytes(GoodEvent.Replace("You Gotta Be", "You\\u0000Be")), "NUL character"),
        ["invalid UTF-8"] = (LastLogFile, true, [.. Bytes(GoodEvent[..GoodEvent.IndexOf("Des'ree")]), 0xC3, 0x28, .. Bytes(GoodEvent[GoodEvent.IndexOf("Des'ree")..])], "invalid UTF-8"),
        ["a value longer than its column"] = (LastLogFile, true, Bytes(GoodEvent.Replace("\"free\"", $"\"{new string('f', 17)}\"")), "holds at most 16"),
        ["an empty file"] = ("log_data/2018/11/2018-11-31-events.json", false, [], "holds no JSON object"),
        ["a non-JSON object in the prefix"] = ("log_data/notes.json", false, Bytes("These are my notes about the data."), "expected a JSON object"),
    };

    private const string LastLogFile = "log_data/2018/11/2018-11-30-events.json";
    private readonly string _input = Directory.CreateTempSubdirectory("sparkify-bad-").FullName;

    public BadInputTests() => FileTree.Copy(SampleWarehouse.Folder, _input);

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Writes the bad input; returns its file and the line the error must name (0: the file as a whole).</summary>
    private (string File, long Line) Break(string caseName)
    {
        var (file, append, content, _) = BadCases[caseName];
        var path = Path.Combine(_input, file);
        if (!append)
        {
            File.WriteAllBytes(path, content);
            return (path, caseName == "an empty file" ? 0 : 1);
        }
        var line = File.ReadLines(path).Count() + 1;
        using (var stream = new FileStream(path, FileMode.Append))
        {
            stream.WriteByte((byte)'\n');
            stream.Write(content);
        }
        return (path, line);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_stops_the_load_naming_file_line_and_problem_and_changes_nothing(string caseName)
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, _input);
        var before = await database.SnapshotAsync();
        var (file, line) = Break(caseName);

        var error = await Assert.ThrowsAsync<InputException>(() => Warehouse.LoadAsync(database, _input));

        Assert.Equal((file, line), (error.File, error.Line));
        Assert.Contains(BadCases[caseName].Problem, error.Message);
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task With_max_errors_a_run_skips_that_many_bad_records_into_load_errors()
    {
        var expected = BadCases.Keys.Select(Break).ToList();
        await using var database = await TestDatabase.CreateMigratedAsync();

        var result = await Warehouse.LoadAsync(database, _input, maxErrors: BadCases.Count);

        Assert.Equal(BadCases.Count, result.BadRecords);
        var logged = await database.RowsAsync("select file, line, reason, raw_text from load_errors order by file, line");
        Assert.Equal(expected.Order(), logged.Select(r => ((string)r[0]!, (long)r[1]!)).Order());
        Assert.Contains(logged, r => ((string?)r[3])?.Contains("oops") == true);
        Assert.Equal(BadCases.Count, await database.ScalarAsync<int>("select errors from load_runs"));
        // Everything good still arrived: the sample's own rows are all there.
        Assert.Equal(648, result.RowsIn("songplays"));
    }

    [Fact]
    public async Task One_bad_record_more_than_max_errors_fails_the_run_and_changes_nothing()
    {
        foreach (var caseName in BadCases.Keys)
            Break(caseName);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(database, SampleWarehouse.Folder);
        var before = await database.SnapshotAsync();

        var error = await Assert.ThrowsAsync<InputException>(() => Warehouse.LoadAsync(database, _input, maxErrors: BadCases.Count - 1));

        Assert.Contains($"More than --max-errors {BadCases.Count - 1} bad records", error.Message);
        Assert.Equal(before, await database.SnapshotAsync());
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from load_errors"));
    }
}
