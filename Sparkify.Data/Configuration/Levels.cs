namespace Sparkify.Data.Configuration;

/// <summary>The subscription levels the app logs: a user's, and a play's at the time it was played.</summary>
internal static class Levels
{
    public static readonly string[] Accepted = ["free", "paid"];
}
