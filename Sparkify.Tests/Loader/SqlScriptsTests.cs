using Sparkify.Loader.Sql;

namespace Sparkify.Tests.Loader;

/// <summary>The loader's SQL is its embedded <c>.sql</c> files: every folder is embedded, and a file asked for by a name it lacks is named in the error.</summary>
public sealed class SqlScriptsTests
{
    [Fact]
    public void Every_SQL_folder_of_the_loader_is_embedded_with_every_file_it_holds()
    {
        foreach (var folder in SqlScripts.All)
        {
            var files = Directory.GetFiles(Path.Combine(DataPaths.RepositoryRoot, "Sparkify.Loader", folder.Path), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal);

            Assert.Equal(files, folder.Select(s => s.Name));
        }
    }

    [Fact]
    public void A_file_that_is_not_embedded_is_named_with_its_folder_and_what_the_folder_holds()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqlScripts.LoadRuns.Get("99_missing.sql"));

        Assert.StartsWith("Loading/Sql/99_missing.sql is not embedded in the loader; Loading/Sql holds 01_advisory_lock_try.sql, ", error.Message);
    }
}
