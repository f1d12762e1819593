using Sparkify.Server;

namespace Sparkify.Tests.Loader.Cli;

/// <summary>
/// The failures people fix in dwh.cfg or on the server (unreachable, wrong password, no permission) are one line that
/// says what to do, from the loader and from <c>dotnet ef database update</c> alike; <c>--verbose</c> shows the details.
/// </summary>
[EndToEnd("starts the loader and dotnet ef")]
public sealed class OneLineErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkify-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string StackFrame = "   at ";

    [Fact]
    public async Task A_wrong_password_is_one_line_naming_the_settings_to_fix_and_verbose_adds_the_details()
    {
        // Given a role whose password the server checks, and a dwh.cfg with another password
        await using var database = await TestDatabase.CreateAsync();
        await using var role = await LoginRole.CreateAsync();
        var config = database.WriteConfig(_folder, SampleWarehouse.Folder, password: "not-the-password", user: role.Name);

        // When, then
        var plain = await AssertLoaderFailsInOneLineAsync(config,
            "error (database): 28P01: password authentication failed",
            "Check [CLUSTER] DB_USER, and set the password in SPARKIFY_DB_PASSWORD (or [CLUSTER] DB_PASSWORD).");
        Assert.DoesNotContain("not-the-password", plain);
    }

    [Fact]
    public async Task A_user_without_permission_on_the_database_is_one_line_saying_what_to_grant()
    {
        // Given a database the role may connect to but not create tables in (PostgreSQL 15+ revokes CREATE on public)
        await using var database = await TestDatabase.CreateAsync();
        await using var role = await LoginRole.CreateAsync();
        var config = database.WriteConfig(_folder, SampleWarehouse.Folder, password: role.Password, user: role.Name);

        // When, then
        await AssertLoaderFailsInOneLineAsync(config,
            "error (database permission): 42501: permission denied",
            "Grant the loader's user what it needs, or use another [CLUSTER] DB_USER.");
    }

    [Fact]
    public async Task Dotnet_ef_database_update_against_an_unreachable_server_is_one_line_and_verbose_adds_the_details()
    {
        var config = Path.Combine(_folder, "dwh.cfg");
        File.WriteAllLines(config, ["[CLUSTER]", "HOST = 127.0.0.1", $"DB_PORT = {FreePort.Pick()}"]);

        var plain = await DotnetEfDatabaseUpdateAsync(config);
        var verbose = await DotnetEfDatabaseUpdateAsync(config, "--verbose");

        Assert.NotEqual(0, plain.ExitCode);
        Assert.Equal(
            [$"error (database unreachable): Failed to connect to 127.0.0.1:{Port(config)}. Start the server, or fix [CLUSTER] HOST and DB_PORT in dwh.cfg (an empty HOST uses the embedded PostgreSQL)."],
            Lines(plain.Output));
        Assert.Contains(StackFrame, verbose.Output);
    }

    [Fact]
    public async Task Dotnet_ef_database_update_with_a_wrong_password_is_one_line_naming_the_settings_to_fix()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var role = await LoginRole.CreateAsync();
        var config = database.WriteConfig(_folder, SampleWarehouse.Folder, password: "not-the-password", user: role.Name);

        var plain = await DotnetEfDatabaseUpdateAsync(config);

        Assert.NotEqual(0, plain.ExitCode);
        var line = Assert.Single(Lines(plain.Output));
        Assert.StartsWith("error (database): 28P01: password authentication failed", line);
        Assert.EndsWith("Check [CLUSTER] DB_USER, and set the password in SPARKIFY_DB_PASSWORD (or [CLUSTER] DB_PASSWORD).", line);
    }

    [Fact]
    public async Task Dotnet_ef_database_update_with_a_setting_that_cannot_work_is_one_line_naming_the_file_and_setting()
    {
        var config = Path.Combine(_folder, "dwh.cfg");
        File.WriteAllLines(config, ["[CLUSTER]", "HOST = 127.0.0.1", "DB_PORT = not-a-port"]);

        var plain = await DotnetEfDatabaseUpdateAsync(config);

        Assert.NotEqual(0, plain.ExitCode);
        var line = Assert.Single(Lines(plain.Output));
        Assert.Contains($"error (configuration): {config}: [CLUSTER] DB_PORT must be a whole number", line);
    }

    /// <summary>
    /// Runs the loader on <paramref name="config"/> plainly and with --verbose: each exits 1; the plain run prints one error
    /// line, starting <paramref name="error"/> and ending <paramref name="whatToDo"/>, and no stack, which --verbose adds.
    /// </summary>
    /// <returns>Everything both runs printed, for checks of what must never be printed.</returns>
    private static async Task<string> AssertLoaderFailsInOneLineAsync(string config, string error, string whatToDo)
    {
        var plain = await ProcessRun.LoaderAsync(["--config", config]);
        var verbose = await ProcessRun.LoaderAsync(["--config", config, "--verbose"]);

        Assert.Equal(1, plain.ExitCode);
        var line = Assert.Single(Lines(plain.Output), line => line.StartsWith("error", StringComparison.Ordinal));
        Assert.StartsWith(error, line);
        Assert.EndsWith(whatToDo, line);
        Assert.DoesNotContain(StackFrame, plain.Output);
        Assert.Equal(1, verbose.ExitCode);
        Assert.Contains(StackFrame, verbose.Output);
        return plain.Output + verbose.Output;
    }

    /// <summary>The README's command, on this repository as built (no second build), with <paramref name="config"/> as its dwh.cfg.</summary>
    private static async Task<ProcessRun> DotnetEfDatabaseUpdateAsync(string config, params string[] extra)
    {
        var root = DataPaths.RepositoryRoot;
        var restore = await ProcessRun.RunAsync("dotnet", ["tool", "restore"], root, timeout: TimeSpan.FromMinutes(2));
        Assert.True(restore.ExitCode == 0, restore.Output);
        return await ProcessRun.RunAsync("dotnet",
            ["ef", "database", "update", "--project", "Migrations", "--no-build", "--configuration", BuildConfiguration, .. extra],
            root, new Dictionary<string, string> { ["SPARKIFY_CONFIG"] = config }, timeout: TimeSpan.FromMinutes(2));
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Port(string config) => File.ReadAllLines(config).Single(l => l.StartsWith("DB_PORT", StringComparison.Ordinal)).Split('=')[1].Trim();
}
