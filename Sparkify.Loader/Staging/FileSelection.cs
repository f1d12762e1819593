using Npgsql;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>The files a run stages into one table: those the ledger lacks, or every listed file when the table is staged afresh.</summary>
/// <param name="RestageReason">Why every file is staged again (the table is emptied first); null when only new files are.</param>
public sealed record FileSelection(IReadOnlyList<InputObject> Files, string? RestageReason)
{
    public static async Task<FileSelection> ChooseAsync(NpgsqlConnection connection, StagingTable table, IReadOnlyList<InputObject> listed,
        bool fullReload, CancellationToken cancellationToken)
    {
        if (fullReload)
            return new(listed, "a full reload was asked for");
        var ledger = await FileLedger.ReadAsync(connection, table, cancellationToken);
        return ledger.NewFiles(listed, out var changed) is { } fresh
            ? new(fresh, null)
            : new(listed, changed is null ? $"{table.Name} has no ledger of staged files yet" : $"{changed} changed since it was staged");
    }
}
