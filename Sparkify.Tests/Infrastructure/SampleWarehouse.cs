namespace Sparkify.Tests.Infrastructure;

/// <summary>A fresh database loaded once with the committed sample, for tests that only read it or roll their changes back.</summary>
public sealed class SampleWarehouse : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public static string Folder => Path.Combine(DataPaths.RepositoryRoot, "sample");

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        await Warehouse.LoadAsync(Database, Folder);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
