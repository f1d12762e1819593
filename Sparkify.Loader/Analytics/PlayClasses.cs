namespace Sparkify.Loader.Analytics;

/// <summary>One class of <c>17_play_classes.sql</c>: its number there, the name <c>report.json</c> gives it, and what the page says of it.</summary>
public sealed record PlayClassDefinition(int Number, string Name, string Label, string Meaning);

/// <summary>The classes of NextSong events, in the order of <c>17_play_classes.sql</c>, which states the rule of each.</summary>
public static class PlayClasses
{
    public static IReadOnlyList<PlayClassDefinition> All { get; } =
    [
        new(1, "matched", "matched", "a song has its title, artist name and duration: it is a play"),
        new(2, "durationDiffers", "duration differs", "a song has its title and artist name, none also its duration"),
        new(3, "otherArtist", "other artist only", "a song has its title, none under its artist name"),
        new(4, "notInCatalogue", "title not in the catalogue", "no song has its title"),
    ];
}
