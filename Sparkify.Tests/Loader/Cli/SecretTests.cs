namespace Sparkify.Tests.Loader.Cli;

/// <summary>The database password never appears in anything the loader prints.</summary>
[EndToEnd("starts the loader")]
public sealed class SecretTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-secret-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string KnownPassword = "Kn0wn-Pa55word-For-Tests";

    [Fact]
    public async Task The_password_is_absent_from_everything_printed()
    {
        await using var database = await TestDatabase.CreateAsync();
        // The password of the test server if it has one; the embedded server trusts loopback, so any will do there.
        var password = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Password ?? KnownPassword;
        var config = database.WriteConfig(_folder, SampleWarehouse.Folder, password);
        var fromEnvironment = new Dictionary<string, string> { [DwhConfig.PasswordVariable] = password };

        var load = await ProcessRun.LoaderAsync(["--config", config]);
        var dryRun = await ProcessRun.LoaderAsync(["--config", config, "--dry-run"]);
        var viaEnvironment = await ProcessRun.LoaderAsync(["--config", config], fromEnvironment);
        File.WriteAllText(config, File.ReadAllText(config).Replace($"DB_PORT = {new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Port}", "DB_PORT = 1"));
        var unreachable = await ProcessRun.LoaderAsync(["--config", config], fromEnvironment);

        Assert.Equal((0, 0, 0), (load.ExitCode, dryRun.ExitCode, viaEnvironment.ExitCode));
        Assert.Equal(1, unreachable.ExitCode);
        foreach (var run in new[] { load, dryRun, viaEnvironment, unreachable })
            Assert.DoesNotContain(password, run.Output);
    }
}
