using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Sparkify.Loader.Analytics;

/// <summary>Fills <c>user_agent_classes</c> with the classifier's verdict on each agent, a multi-row INSERT per thousand agents.</summary>
/// <remarks>
/// Multi-row INSERTs are how Redshift takes a few thousand rows from a client
/// (https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-multi-row-inserts.html), and PostgreSQL runs them alike.
/// </remarks>
public static class UserAgentClassInserts
{
    private const int RowsPerStatement = 1000;

    public static async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<string> userAgents, CancellationToken cancellationToken)
    {
        foreach (var chunk in userAgents.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("insert into user_agent_classes (user_agent, device, browser) values ");
            await using var command = new NpgsqlCommand { Connection = connection };
            for (var i = 0; i < chunk.Length; i++)
            {
                var agentClass = UserAgentClassifier.Classify(chunk[i]);
                sql.Append(i == 0 ? "" : ", ").Append($"(@a{i}, @d{i}, @b{i})");
                command.Parameters.Add(new($"a{i}", NpgsqlDbType.Varchar) { Value = chunk[i] });
                command.Parameters.Add(new($"d{i}", NpgsqlDbType.Varchar) { Value = agentClass.Device });
                command.Parameters.Add(new($"b{i}", NpgsqlDbType.Varchar) { Value = agentClass.Browser });
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
