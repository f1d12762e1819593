using Sparkify.Loader.Analytics;

namespace Sparkify.Tests.Infrastructure;

/// <summary>The real data set loaded once, and the <c>report</c> verb run on it as people run it, into a folder of its own.</summary>
public sealed class RealDataReport : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-report-").FullName;
    private TestDatabase? _database;

    public string Output => Path.Combine(_folder, "report");
    public ProcessRun Run { get; private set; } = null!;
    public AnalyticsReport Report => ReportJson.Deserialize(File.ReadAllText(Path.Combine(Output, ReportWriter.JsonFile)));
    public string Page => File.ReadAllText(Path.Combine(Output, ReportWriter.PageFile));

    public async ValueTask InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(DataPaths.RealData, "log_data")))
            return; // each test skips, saying why
        _database = await TestDatabase.CreateAsync();
        await Warehouse.LoadAsync(_database, DataPaths.RealData);
        var config = _database.WriteConfig(_folder, DataPaths.RealData);
        Run = await ProcessRun.LoaderAsync(["report", "--config", config, "--output", Output]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
