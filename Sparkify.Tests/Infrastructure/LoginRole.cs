using Npgsql;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// A login role of its own on the test server, with no privilege beyond logging in, whose password the server checks;
/// dropped when disposed. The test server trusts loopback (as the embedded one does), so only a role the server is
/// told to ask can meet a wrong password.
/// </summary>
public sealed class LoginRole : IAsyncDisposable
{
    /// <summary>The group whose members must give their password: one pg_hba.conf line, added once per test run.</summary>
    private const string PasswordChecked = "sparkify_password_checked";

    private static readonly SemaphoreSlim Configuring = new(1, 1);
    private static bool _configured;

    public string Name { get; } = "sparkify_role_" + Guid.NewGuid().ToString("N")[..12];
    public string Password { get; } = Guid.NewGuid().ToString("N");

    private LoginRole()
    {
    }

    public static async Task<LoginRole> CreateAsync()
    {
        if (Environment.GetEnvironmentVariable(PostgresServer.ConnectionVariable) is { Length: > 0 })
            Assert.Skip($"The server in {PostgresServer.ConnectionVariable} is not ours: its authentication rules are not for a test to change.");
        await CheckPasswordsOfGroupAsync();
        var role = new LoginRole();
        await ExecuteAsync($"create role {role.Name} login password '{role.Password}' in role {PasswordChecked}");
        return role;
    }

    /// <summary>A connection string for this role to <paramref name="database"/>, with <paramref name="password"/>.</summary>
    public string ConnectionString(string database, string password) =>
        new NpgsqlConnectionStringBuilder(PostgresServer.Current.AdminConnectionString)
            { Database = database, Username = Name, Password = password, Pooling = false }.ConnectionString;

    /// <remarks>The role's connections are unpooled, so none outlives its test; clearing every pool would close other tests' connections.</remarks>
    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync($"drop role if exists {Name}");
    }

    /// <summary>Puts the group's line first in pg_hba.conf, so it wins over trust, and waits until the server has reloaded it.</summary>
    private static async Task CheckPasswordsOfGroupAsync()
    {
        await Configuring.WaitAsync();
        try
        {
            if (_configured)
                return;
            await ExecuteAsync($"do $$ begin if not exists (select from pg_roles where rolname = '{PasswordChecked}') then create role {PasswordChecked} nologin; end if; end $$");
            var hbaFile = await ScalarAsync("show hba_file");
            var rules = await File.ReadAllTextAsync(hbaFile);
            var line = $"host all +{PasswordChecked} 127.0.0.1/32 scram-sha-256";
            if (!rules.Contains(line, StringComparison.Ordinal))
                await File.WriteAllTextAsync(hbaFile, line + "\n" + rules); // rewritten in place: owner and mode stay
            await ScalarAsync("select pg_reload_conf()::text");
            await using var probe = await CreateProbeAsync();
            await WaitUntilRefusedAsync(probe.ConnectionString("postgres", "not its password"));
            _configured = true;
        }
        finally
        {
            Configuring.Release();
        }
    }

    private static async Task<LoginRole> CreateProbeAsync()
    {
        var probe = new LoginRole();
        await ExecuteAsync($"create role {probe.Name} login password '{probe.Password}' in role {PasswordChecked}");
        return probe;
    }

    /// <summary>pg_reload_conf only signals the server: the new rules apply a moment later.</summary>
    private static async Task WaitUntilRefusedAsync(string wrongPassword)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(wrongPassword);
                await connection.OpenAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("The test server still trusts the password-checked group after reloading pg_hba.conf.");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.Current.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.Current.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
