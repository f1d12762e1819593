namespace Sparkify.Tests.Infrastructure;

/// <summary>Where the repository and the shared real data set are, seen from the test binaries.</summary>
public static class DataPaths
{
    /// <summary>The folder holding Sparkify.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The real data set: <c>SPARKIFY_REAL_DATA</c>, else <c>../shared/data/sparkify</c> beside the repository.</summary>
    public static string RealData =>
        Environment.GetEnvironmentVariable("SPARKIFY_REAL_DATA") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", "sparkify"));

    /// <summary>Skips the calling test, saying why, when the real data set is not on this machine.</summary>
    public static string RequireRealData()
    {
        if (!Directory.Exists(Path.Combine(RealData, "log_data")) || !Directory.Exists(Path.Combine(RealData, "song_data")))
            Assert.Skip($"The real data set is not at {RealData}; set SPARKIFY_REAL_DATA to its folder.");
        return RealData;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Sparkify.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"No Sparkify.sln above {AppContext.BaseDirectory}.");
    }
}
