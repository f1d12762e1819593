namespace Sparkify.Tests.Loader;

/// <summary>The loader's folders point one way: no folder uses one that uses it back, read from the compiled code.</summary>
public sealed class LoaderFolderTests
{
    [Fact]
    public void No_folder_of_the_loader_uses_a_folder_that_uses_it_back()
    {
        var graph = NamespaceDependencies.Of(typeof(Sparkify.Loader.Loading.WarehouseLoader).Assembly, "Sparkify.Loader");

        var cycles = NamespaceDependencies.Cycles(graph);
        Assert.True(cycles.Count == 0, "Folders that use each other:\n" + string.Join("\n", cycles) + "\n\nEach folder's uses:\n" +
            string.Join("\n", graph.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {string.Join(", ", g.Value.Order(StringComparer.Ordinal))}")));
        Assert.True(graph.Count > 10, $"only {graph.Count} folders were read");
    }
}
