using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Sparkify.Loader.Staging.Redshift;

/// <summary>Records staged objects in the ledger with multi-row INSERTs, the way Redshift takes a few thousand rows from a client.</summary>
/// <remarks>
/// Redshift has no COPY from a client stream; a multi-row INSERT per thousand rows is its advice for small amounts.
/// https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-multi-row-inserts.html
/// The statements are plain SQL, so they run on PostgreSQL too, where the tests run them.
/// </remarks>
public static class LedgerInserts
{
    private const int RowsPerStatement = 1000;
    private const string Columns = "insert into loaded_files (path, table_name, size, modified_at, checksum, run_id) values ";

    public static async Task RecordAsync(NpgsqlConnection connection, StagingTable table, long runId, IReadOnlyList<StagedFile> files,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in files.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder(Columns);
            await using var command = new NpgsqlCommand { Connection = connection };
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append($"(@p{i}, @t, @s{i}, @m{i}, @c{i}, @r)");
                command.Parameters.Add(new($"p{i}", NpgsqlDbType.Varchar) { Value = chunk[i].File.Name });
                command.Parameters.Add(new($"s{i}", NpgsqlDbType.Bigint) { Value = chunk[i].File.Size });
                command.Parameters.Add(new($"m{i}", NpgsqlDbType.Timestamp) { Value = FileLedger.ToMicroseconds(chunk[i].File.ModifiedAt) });
                command.Parameters.Add(new($"c{i}", NpgsqlDbType.Varchar) { Value = chunk[i].Checksum });
            }
            command.Parameters.Add(new("t", NpgsqlDbType.Varchar) { Value = table.Name });
            command.Parameters.Add(new("r", NpgsqlDbType.Bigint) { Value = runId });
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
