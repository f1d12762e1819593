using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Sparkify.Loader.Plan;

/// <summary>
/// The one way the load runs SQL: every command, COPY and transaction statement is made here from a
/// <see cref="PlannedStatement"/>, the same object the plan prints (a test checks that no other code of the load builds
/// commands, and another that the server's statement log equals the plan).
/// </summary>
public static partial class PlannedCommands
{
    /// <summary>A command for <paramref name="statement"/>, with no time limit unless given one: a load's statements take what they take.</summary>
    /// <remarks>
    /// A statement that may not carry bind parameters (<see cref="PlannedStatement.TakesParameters"/>) gets them as literals
    /// instead, on every engine alike; only whole numbers (the run's id) are ever written so.
    /// </remarks>
    public static NpgsqlCommand Command(this NpgsqlConnection connection, PlannedStatement statement, params NpgsqlParameter[] parameters)
    {
        if (!statement.TakesParameters && parameters.Length > 0)
            return new NpgsqlCommand(WithLiterals(statement, parameters), connection) { CommandTimeout = 0 };
        var command = new NpgsqlCommand(statement.Sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>The statement's text with each <c>@name</c> replaced by its parameter's value as a literal.</summary>
    private static string WithLiterals(PlannedStatement statement, NpgsqlParameter[] parameters)
    {
        var values = parameters.ToDictionary(p => p.ParameterName.TrimStart('@'), p => p.Value switch
        {
            long or int => Convert.ToString(p.Value, CultureInfo.InvariantCulture)!,
            var other => throw new InvalidOperationException(
                $"{statement.Name} cannot take bind parameters, and only whole numbers are written into it as literals; {p.ParameterName} is {other?.GetType().Name ?? "null"}."),
        });
        return ParameterName().Replace(statement.Sql, m => values.TryGetValue(m.Value[1..], out var literal) ? literal
            : throw new InvalidOperationException($"{statement.Name} uses {m.Value}, which no parameter gives."));
    }

    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, PlannedStatement statement, CancellationToken cancellationToken,
        params NpgsqlParameter[] parameters)
    {
        await using var command = connection.Command(statement, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlConnection connection, PlannedStatement statement, CancellationToken cancellationToken,
        params NpgsqlParameter[] parameters)
    {
        await using var command = connection.Command(statement, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Runs in order each statement whose condition holds for <paramref name="facts"/> (upkeep, cleanup: statements without parameters).</summary>
    public static async Task ExecuteAllAsync(this NpgsqlConnection connection, IEnumerable<PlannedStatement> statements, RunFacts facts,
        CancellationToken cancellationToken)
    {
        foreach (var statement in statements.Where(s => s.RunsFor(facts)))
            await connection.ExecuteAsync(statement, cancellationToken);
    }

    /// <summary>A binary COPY from the client, row by row (the ledger, the skipped records).</summary>
    public static Task<NpgsqlBinaryImporter> ImportAsync(this NpgsqlConnection connection, PlannedStatement copy, CancellationToken cancellationToken) =>
        connection.BeginBinaryImportAsync(CopyCommand(copy), cancellationToken);

    /// <summary>A binary COPY from the client fed with bytes already in COPY's format (staging).</summary>
    public static Task<NpgsqlRawCopyStream> RawCopyAsync(this NpgsqlConnection connection, PlannedStatement copy, CancellationToken cancellationToken) =>
        connection.BeginRawBinaryCopyAsync(CopyCommand(copy), cancellationToken);

    /// <summary>A COPY statement without the comment lines its file opens with: Npgsql wants the text to begin with COPY.</summary>
    private static string CopyCommand(PlannedStatement copy) =>
        string.Join('\n', copy.Sql.TrimStart('\uFEFF').Split('\n').SkipWhile(line => line.TrimStart().StartsWith("--", StringComparison.Ordinal)));

    /// <summary>
    /// Runs a one-row <c>insert … values (@a, @b)</c> for many rows, <see cref="RowsPerInsert"/> rows per statement: how
    /// Redshift takes a few thousand rows from a client, since it has no COPY from one
    /// (https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-multi-row-inserts.html). Each row gives the
    /// statement's parameters by name; in the statement sent, row i's are named <c>@a_i</c>.
    /// </summary>
    public static async Task InsertRowsAsync(this NpgsqlConnection connection, PlannedStatement insert, IEnumerable<NpgsqlParameter[]> rows,
        CancellationToken cancellationToken)
    {
        var values = insert.Sql.LastIndexOf(" values ", StringComparison.OrdinalIgnoreCase);
        if (values < 0)
            throw new ArgumentException($"Not a one-row insert … values (…): {insert.Name}", nameof(insert));
        var (head, tuple) = (insert.Sql[..(values + " values ".Length)], insert.Sql[(values + " values ".Length)..].Trim());
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            await using var command = new NpgsqlCommand { Connection = connection, CommandTimeout = 0 };
            var sql = new StringBuilder(head);
            for (var i = 0; i < chunk.Length; i++)
            {
                var suffix = "_" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? "" : ", ").Append(ParameterName().Replace(tuple, m => m.Value + suffix));
                foreach (var parameter in chunk[i])
                {
                    parameter.ParameterName += suffix;
                    command.Parameters.Add(parameter);
                }
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Rows per multi-row INSERT: a thousand keeps a statement's parameters well under PostgreSQL's 65,535.</summary>
    public const int RowsPerInsert = 1000;

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();

    /// <summary>A named parameter (values are never part of a planned statement's text).</summary>
    public static NpgsqlParameter Parameter(string name, object? value) => new(name, value ?? DBNull.Value);
}
