namespace Sparkify.Tests.Infrastructure;

/// <summary>Copies of the committed sample, some days of its logs at a time: how tests make a run's new files.</summary>
public static class SampleDays
{
    /// <summary>Copies the sample's logs of the chosen days into <paramref name="input"/> and, unless told not to, the rest (its song files).</summary>
    public static void Copy(string input, Func<int, bool> logDays, bool rest = true)
    {
        var logs = Path.Combine(SampleWarehouse.Folder, "log_data");
        FileTree.Copy(SampleWarehouse.Folder, input,
            file => file.StartsWith(logs, StringComparison.Ordinal) ? logDays(DayOf(file)) : rest);
    }

    private static int DayOf(string logFile) => int.Parse(Path.GetFileName(logFile)[8..10], System.Globalization.CultureInfo.InvariantCulture);
}
