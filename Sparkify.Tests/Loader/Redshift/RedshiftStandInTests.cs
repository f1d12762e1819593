using Npgsql;
using Sparkify.Tests.Infrastructure.Redshift;

namespace Sparkify.Tests.Loader.Redshift;

/// <summary>
/// The stand-in cluster itself follows the rules the guide states, so that a loader that broke them would fail against it: these
/// send it COPYs by hand, as a Redshift user would, and look at what it did.
/// </summary>
[EndToEnd("runs the stand-in cluster against the loopback S3 server")]
[Collection(SharedS3Server.Name)]
public sealed class RedshiftStandInTests(S3Server s3)
{
    private const string Role = RedshiftConfigFile.RoleArn;

    private static string Columns => string.Join(", ", StagingTable.Events.Columns.Select(c => c.Name));

    private static async Task<NpgsqlConnection> ConnectAsync(RedshiftStandIn cluster)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.Database.ConnectionString)
        {
            Host = cluster.Proxy.Host, Port = cluster.Proxy.Port, SslMode = SslMode.Require, Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<RedshiftStandIn> WithDayOneAsync(MaxErrorReading reading = MaxErrorReading.AsDocumented, string? extraLines = null)
    {
        var cluster = await RedshiftStandIn.StartAsync(s3, reading: reading);
        var day = await File.ReadAllTextAsync(Path.Combine(DataPaths.RequireRealData(), "log_data", "2018", "11", "2018-11-01-events.json"));
        await cluster.PutAsync("log_data/day.json", System.Text.Encoding.UTF8.GetBytes(day + extraLines), TestContext.Current.CancellationToken);
        return cluster;
    }

    [Fact]
    public async Task COPY_with_json_auto_matches_keys_case_sensitively_so_camelCase_keys_load_as_NULL()
    {
        await using var cluster = await WithDayOneAsync();
        await using var connection = await ConnectAsync(cluster);

        var rows = await ExecuteAsync(connection,
            $"copy staging_events ({Columns}) from '{cluster.Uri("log_data")}' iam_role '{Role}' format as json 'auto' region '{S3Server.Region}'");

        // Lower-case keys (page, ts) match their columns; userId, sessionId and the other camelCase keys match none.
        Assert.True(rows > 0);
        Assert.Equal($"0:0:{rows}", await cluster.Database.ScalarAsync<string>(
            "select count(user_id) || ':' || count(session_id) || ':' || count(page) from staging_events"));
    }

    [Theory]
    [InlineData(MaxErrorReading.AsDocumented, 2, false)]
    [InlineData(MaxErrorReading.AsDocumented, 3, true)]
    [InlineData(MaxErrorReading.MoreThan, 2, true)]
    public async Task MAXERROR_fails_the_COPY_at_its_count_as_the_guide_reads_or_past_it_as_the_other_reading_has_it(
        MaxErrorReading reading, int maxError, bool passes)
    {
        await using var cluster = await WithDayOneAsync(reading, "\n{\"ts\": \"x\"}\n{\"ts\": \"y\"}\n");
        await using var connection = await ConnectAsync(cluster);
        var copy = $"copy staging_events ({Columns}) from '{cluster.Uri("log_data")}' iam_role '{Role}' " +
                   $"format as json '{S3Server.JsonPaths}' region '{S3Server.Region}' maxerror {maxError}";

        var error = await Record.ExceptionAsync(() => ExecuteAsync(connection, copy));

        Assert.Equal(passes, error is null);
        if (!passes)
            Assert.Contains("Check 'stl_load_errors' system table for details", Assert.IsType<PostgresException>(error).MessageText);
        // The log keeps both records either way: it is not part of any transaction.
        Assert.Equal(2, await cluster.Database.ScalarAsync<long>("select count(*) from stl_load_errors where err_code = 1207"));
    }

    [Fact]
    public async Task A_COPY_whose_REGION_is_not_its_buckets_fails_as_a_whole()
    {
        await using var cluster = await WithDayOneAsync();
        await using var connection = await ConnectAsync(cluster);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection,
            $"copy staging_events ({Columns}) from '{cluster.Uri("log_data")}' iam_role '{Role}' format as json '{S3Server.JsonPaths}' region 'eu-west-1'"));

        Assert.Contains("must be addressed using the specified endpoint", error.MessageText);
        Assert.Equal(0, await cluster.Database.ScalarAsync<long>("select count(*) from staging_events"));
    }

    [Fact]
    public async Task A_manifest_s_missing_mandatory_entry_fails_the_COPY()
    {
        await using var cluster = await WithDayOneAsync();
        await cluster.PutAsync("manifest.json", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"entries": [{"url": "{{cluster.Uri("log_data/day.json")}}", "mandatory": true}, {"url": "{{cluster.Uri("log_data/gone.json")}}", "mandatory": true}]}"""), TestContext.Current.CancellationToken);
        await using var connection = await ConnectAsync(cluster);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection,
            $"copy staging_events ({Columns}) from '{cluster.Uri("manifest.json")}' iam_role '{Role}' format as json '{S3Server.JsonPaths}' manifest region '{S3Server.Region}'"));

        Assert.Contains("gone.json", error.MessageText);
    }

    [Fact]
    public async Task Bind_parameters_are_refused_outside_SELECT_INSERT_UPDATE_and_DELETE_and_the_transaction_is_aborted()
    {
        await using var cluster = await RedshiftStandIn.StartAsync(s3);
        await using var connection = await ConnectAsync(cluster);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);

        await using var create = new NpgsqlCommand("create temp table t as select @x::int as x", connection) { Parameters = { new("x", 1) } };
        var error = await Assert.ThrowsAsync<PostgresException>(() => create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        await using var select = new NpgsqlCommand("select @x::int", connection) { Parameters = { new("x", 1) } };
        var next = await Assert.ThrowsAsync<PostgresException>(() => select.ExecuteScalarAsync(TestContext.Current.CancellationToken));

        Assert.Equal("0A000", error.SqlState);
        Assert.Contains("PREPARE", error.MessageText);
        Assert.Equal("25P02", next.SqlState);
    }

    [Fact]
    public async Task A_parameter_the_stand_in_does_not_implement_is_refused_by_name()
    {
        await using var cluster = await RedshiftStandIn.StartAsync(s3);
        await using var connection = await ConnectAsync(cluster);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection,
            $"copy staging_events from '{cluster.Uri("log_data")}' iam_role '{Role}' format as json 'auto' truncatecolumns"));

        Assert.Contains("does not implement the COPY parameter TRUNCATECOLUMNS", error.MessageText);
    }
}
