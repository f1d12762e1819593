using System.Text;
using System.Text.Json;

namespace Sparkify.Loader.Generation;

internal sealed record GeneratedArtist(string Id, string Name, string Location, double? Latitude, double? Longitude);

internal sealed record GeneratedSong(string SongId, string TrackId, string Title, GeneratedArtist Artist, string ArtistName, double Duration, int Year)
{
    /// <summary>What an event must carry to match this song: exact title, artist name and duration.</summary>
    public (string Title, string Artist, double Duration) MatchKey => (Title, ArtistName, Duration);
}

/// <summary>Generated song metadata, one JSON file per song in the <c>song_data/A/B/C/TR….json</c> layout.</summary>
internal sealed class SongCatalog
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public IReadOnlyList<GeneratedSong> Songs { get; }
    public int ArtistCount { get; }
    public IReadOnlySet<(string Title, string Artist, double Duration)> MatchKeys { get; }

    private SongCatalog(List<GeneratedSong> songs, int artistCount)
    {
        Songs = songs;
        ArtistCount = artistCount;
        MatchKeys = songs.Select(s => s.MatchKey).ToHashSet();
    }

    public static SongCatalog Create(GeneratorOptions options, Random random)
    {
        var ids = new HashSet<string>();
        string NewId(string prefix)
        {
            while (true)
            {
                var id = prefix + new string(Enumerable.Range(0, 16).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
                if (ids.Add(id))
                    return id;
            }
        }

        var artists = Enumerable.Range(0, options.Artists).Select(_ =>
        {
            var hasPlace = random.NextDouble() < 0.6;
            return new GeneratedArtist(NewId("AR"), Words(random, NameBank.ArtistWords, 1, 3),
                hasPlace ? NameBank.Places[random.Next(NameBank.Places.Length)] : "",
                hasPlace ? Math.Round(random.NextDouble() * 120 - 60, 5) : null,
                hasPlace ? Math.Round(random.NextDouble() * 340 - 170, 5) : null);
        }).ToList();

        var keys = new HashSet<(string, string)>();
        var songs = new List<GeneratedSong>(options.Songs);
        for (var i = 0; i < options.Songs; i++)
        {
            // Every artist gets a song first, so the artist count is exact; then songs go to random artists.
            var artist = i < artists.Count ? artists[i] : artists[random.Next(artists.Count)];
            // Like the real catalogue, an artist id sometimes appears under a variant of its name.
            var artistName = i >= artists.Count && random.NextDouble() < 0.05 ? artist.Name + " feat. " + Words(random, NameBank.ArtistWords, 1, 1) : artist.Name;
            string title;
            do
            {
                // About 1% of real titles are bare numbers (written as JSON numbers).
                title = random.NextDouble() < 0.01 ? random.Next(1950, 2011).ToString() : Words(random, NameBank.TitleWords, 1, 4);
            } while (!keys.Add((title, artistName)));
            var trackId = NewId("TR");
            songs.Add(new GeneratedSong(NewId("SO"), trackId, title, artist, artistName,
                Math.Round(60 + random.NextDouble() * 540, 5), random.NextDouble() < 0.4 ? 0 : random.Next(1960, 2011)));
        }
        return new SongCatalog(songs, artists.Count);
    }

    /// <summary>Writes one file per song; returns the number written.</summary>
    public int WriteFiles(string songData)
    {
        foreach (var song in Songs)
        {
            var t = song.TrackId;
            var folder = Path.Combine(songData, t[2].ToString(), t[3].ToString(), t[4].ToString());
            Directory.CreateDirectory(folder);
            using var file = File.Create(Path.Combine(folder, t + ".json"));
            using var json = new Utf8JsonWriter(file);
            json.WriteStartObject();
            json.WriteNumber("num_songs", 1);
            json.WriteString("artist_id", song.Artist.Id);
            WriteNullable(json, "artist_latitude", song.Artist.Latitude);
            WriteNullable(json, "artist_longitude", song.Artist.Longitude);
            json.WriteString("artist_location", song.Artist.Location);
            json.WriteString("artist_name", song.ArtistName);
            json.WriteString("song_id", song.SongId);
            if (int.TryParse(song.Title, out var numericTitle))
                json.WriteNumber("title", numericTitle);
            else
                json.WriteString("title", song.Title);
            json.WriteNumber("duration", song.Duration);
            json.WriteNumber("year", song.Year);
            json.WriteEndObject();
        }
        return Songs.Count;
    }

    internal static string Words(Random random, string[] bank, int min, int max)
    {
        var count = random.Next(min, max + 1);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
            text.Append(i == 0 ? "" : " ").Append(bank[random.Next(bank.Length)]);
        return text.ToString();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
            json.WriteNumber(name, number);
        else
            json.WriteNull(name);
    }
}
