using System.Globalization;
using System.Text.Json;

namespace Sparkify.Tests.Infrastructure;

/// <summary>One period of a user at one level, as <c>user_levels</c> should hold it.</summary>
public sealed record LevelPeriod(int UserId, string Level, DateTime ValidFrom, DateTime? ValidTo);

/// <summary>The level history computed in plain C# from the event logs, to check <c>user_levels</c> and what the report reads from it.</summary>
public static class LevelPeriods
{
    /// <summary>The periods of every NextSong event with a user in the logs under <paramref name="logData"/>.</summary>
    public static List<LevelPeriod> FromLogs(string logData)
    {
        var plays = new List<(int User, long Ts, int Session, int Item, string Level)>();
        foreach (var file in Directory.EnumerateFiles(logData, "*.json", SearchOption.AllDirectories))
            foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
            {
                using var json = JsonDocument.Parse(line);
                var e = json.RootElement;
                if (e.GetProperty("page").GetString() != "NextSong" || e.GetProperty("userId").GetString() is not { Length: > 0 } user)
                    continue;
                plays.Add((int.Parse(user, CultureInfo.InvariantCulture), e.GetProperty("ts").GetInt64(), e.GetProperty("sessionId").GetInt32(),
                    e.GetProperty("itemInSession").GetInt32(), e.GetProperty("level").GetString()!));
            }
        return Of(plays);
    }

    /// <summary>
    /// Each user's plays ordered by time, session and item, those of one millisecond counting as the last of them; a period
    /// starts at each play whose level differs from the one before.
    /// </summary>
    public static List<LevelPeriod> Of(IEnumerable<(int User, long Ts, int Session, int Item, string Level)> plays)
    {
        var periods = new List<LevelPeriod>();
        foreach (var user in plays.GroupBy(p => p.User).OrderBy(g => g.Key))
        {
            var instants = user.GroupBy(p => p.Ts).OrderBy(g => g.Key)
                .Select(g => g.OrderBy(p => p.Session).ThenBy(p => p.Item).Last()).ToList();
            var starts = instants.Where((p, i) => i == 0 || p.Level != instants[i - 1].Level).ToList();
            periods.AddRange(starts.Select((p, i) => new LevelPeriod(user.Key, p.Level, Time(p.Ts), i + 1 < starts.Count ? Time(starts[i + 1].Ts) : null)));
        }
        return periods;
    }

    private static DateTime Time(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);
}
