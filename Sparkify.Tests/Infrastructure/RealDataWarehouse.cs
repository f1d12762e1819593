namespace Sparkify.Tests.Infrastructure;

/// <summary>A fresh database loaded once with the real data set, shared by the tests of one class.</summary>
public sealed class RealDataWarehouse : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Call DataPaths.RequireRealData() first.");
    public LoadResult? FirstLoad { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(DataPaths.RealData, "log_data")))
            return; // each test skips, saying why
        _database = await TestDatabase.CreateAsync();
        FirstLoad = await Warehouse.LoadAsync(_database, DataPaths.RealData);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
