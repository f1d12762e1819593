using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sparkify.Migrations;

/// <summary>
/// Answers EF's read of its history table with no rows when the table does not exist yet, as on a fresh database.
/// </summary>
/// <remarks>
/// EF reads the table without asking whether it exists, takes the failure to mean "nothing applied", and logs it first as
/// an error with its SQL ("Failed executing DbCommand … FROM "__EFMigrationsHistory""), which reads as if the update
/// failed (https://github.com/dotnet/efcore/issues/37328). Asking first means the read never fails, so nothing is logged;
/// every other command, and this one where the table exists, runs and fails as it would, with EF's log of it. Any
/// schema is asked as written in the command, through <c>to_regclass</c> (PostgreSQL only).
/// </remarks>
internal sealed partial class MissingHistoryTable : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (HistoryTableRead(command, eventData) is not { } table)
            return result;
        using var exists = Exists(command, table);
        return exists.ExecuteScalar() is true ? result : InterceptionResult<DbDataReader>.SuppressWithResult(NoRows());
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (HistoryTableRead(command, eventData) is not { } table)
            return result;
        await using var exists = Exists(command, table);
        return await exists.ExecuteScalarAsync(cancellationToken) is true ? result : InterceptionResult<DbDataReader>.SuppressWithResult(NoRows());
    }

    /// <summary>The table the command reads, when it is the migrator's read of its history.</summary>
    private static string? HistoryTableRead(DbCommand command, CommandEventData eventData) =>
        eventData.CommandSource == CommandSource.Migrations && HistoryRead().Match(command.CommandText) is { Success: true } read
            ? read.Groups["table"].Value
            : null;

    private static DbCommand Exists(DbCommand command, string table)
    {
        var exists = command.Connection!.CreateCommand();
        exists.Transaction = command.Transaction;
        exists.CommandText = "select to_regclass(@table) is not null";
        var parameter = exists.CreateParameter();
        parameter.ParameterName = "table";
        parameter.Value = table;
        exists.Parameters.Add(parameter);
        return exists;
    }

    private static DataTableReader NoRows()
    {
        using var rows = new DataTable();
        rows.Columns.Add("migration_id", typeof(string));
        rows.Columns.Add("product_version", typeof(string));
        return rows.CreateDataReader();
    }

    [GeneratedRegex($@"^\s*SELECT\b.*?\bFROM\s+(?<table>(?:""[^""]+""\.)?""{HistoryRepository.DefaultTableName}"")", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex HistoryRead();
}
