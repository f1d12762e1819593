using Npgsql;
using NpgsqlTypes;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Staging;

/// <summary>
/// A changed file's staged rows, replaced by its new content: moved from the staging table into <c>replaced_</c> and its name, where the
/// transforms read what to undo and rebuild (Transform/Sql, 01 to 07), and its ledger row forgotten, so the file is recorded again.
/// </summary>
/// <remarks>
/// The rows are found by the run that staged the file and its number in that run, which the ledger holds and every row carries
/// (<see cref="StagingTable.FileNumberColumn"/>). So a corrected day costs that day's rows, not the table's.
/// </remarks>
public static class ReplacedRows
{
    /// <summary>The tables the replaced rows go to, one per staging table, made empty at the start of every run (the transforms read them).</summary>
    public static IReadOnlyList<PlannedStatement> Tables { get; } =
    [
        .. new[] { StagingTable.Events, StagingTable.Songs }.Select(table =>
            new PlannedStatement($"the table the replaced rows of {table.Name} go to", Sql($"replaced_rows_table_{table.Name}.sql"))),
    ];

    /// <summary>The statements, in order: the copy of the rows aside, their delete from staging, and the ledger rows forgotten.</summary>
    public static IReadOnlyList<PlannedStatement> Plan(StagingTable table)
    {
        var when = RunCondition.Only(f => f.ReplacesFiles(table.Name));
        return
        [
            new($"copy the staged rows of {table.Name}'s changed files aside", Sql($"replaced_rows_{table.Name}.sql")) { When = when },
            new($"delete the staged rows of {table.Name}'s changed files", Sql($"replaced_rows_delete_{table.Name}.sql")) { When = when },
            FileLedger.ForgetReplaced(table),
        ];
    }

    /// <summary>Moves the rows of <paramref name="replaced"/> aside and forgets their ledger rows; returns how many rows moved.</summary>
    public static async Task<long> MoveAsync(NpgsqlConnection connection, StagingTable table, IReadOnlyList<StagedVersion> replaced, RunFacts facts,
        CancellationToken cancellationToken)
    {
        if (Plan(table) is not [var copy, var delete, var forget])
            throw new InvalidOperationException("ReplacedRows.Plan lists three statements.");
        if (!copy.RunsFor(facts))
            return 0;
        await connection.ExecuteAsync(copy, cancellationToken, Versions(replaced));
        var rows = await connection.ExecuteAsync(delete, cancellationToken, Versions(replaced));
        await connection.ExecuteAsync(forget, cancellationToken, PlannedCommands.Parameter("table_name", table.Name),
            new NpgsqlParameter("paths", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = replaced.Select(v => v.Path).ToArray() });
        return rows;
    }

    /// <summary>The staged versions as the statements take them: the runs, and each file's number in its run, pairwise.</summary>
    private static NpgsqlParameter[] Versions(IReadOnlyList<StagedVersion> replaced) =>
    [
        new("run_ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = replaced.Select(v => v.RunId).ToArray() },
        new("file_numbers", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = replaced.Select(v => v.FileNumber).ToArray() },
    ];

    private static string Sql(string name) => SqlScripts.Staging.Get(name).Sql;
}
